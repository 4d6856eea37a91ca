"""The words that ask for each kind of action in Spanish, French, Italian and Portuguese
(data only): every form listed, with and without accents and attached pronouns.
"""

from __future__ import annotations

from typing import Final

from clawkeep.policy._intent_kinds import Table

__all__ = ["ES", "FR", "IT", "PT"]

# fmt: off
ES: Final[Table] = {
    "sends_outside": (
        "envía", "envia", "envíale", "enviale", "envíalo", "envialo", "envíala", "enviala",
        "envíaselo", "enviaselo", "enviar", "envíe", "envie", "manda", "mándale", "mandale",
        "mándalo", "mandalo", "mandar", "reenvía", "reenvia", "reenvíale", "reenviale",
        "reenvíalo", "reenvialo", "reenviar", "responde", "responder", "respóndele",
        "respondele", "contesta", "contéstale", "contestale", "contestar", "paga", "pagar",
        "págale", "pagale", "transfiere", "transferir", "invita", "invitar", "comparte",
        "compartir", "publica", "publicar", "notifica", "avisa", "avísale", "avisale",
        "escríbele", "escribele", "reserva", "reservar", "agenda", "agendar", "agéndalo",
    ),
    "writes_workspace": (
        "guarda", "guardar", "guárdalo", "guardalo", "escribe", "escribir", "crea", "crear",
        "añade", "anade", "añadir", "anadir", "agrega", "agregar", "anota", "anotar", "apunta",
        "edita", "editar", "actualiza", "actualizar", "copia", "mueve", "renombra", "cambia",
        "cambiar", "pon", "ponlo",
    ),
    "destroys": (
        "borra", "borrar", "bórralo", "borralo", "bórrala", "borrala", "elimina", "eliminar",
        "elimínalo", "eliminalo", "elimínala", "eliminala", "suprime", "cancela", "cancelar",
        "cancélalo", "cancelalo", "cancélala", "cancelala", "anula", "anular", "quita",
        "quitar", "quítalo", "quitalo",
    ),
    "executes_code": (
        "ejecuta", "ejecutar", "ejecútalo", "ejecutalo", "compila", "compilar", "instala",
        "instalar", "construye", "arranca",
    ),
    "controls_gateway": ("reinicia", "reiniciar", "configura", "configurar", "reconfigura"),
    "calendar": ("calendario", "agenda", "reunión", "reunion", "cita", "evento"),
    "schedule": (
        "añade", "anade", "agrega", "pon", "ponlo", "crea", "reserva", "bloquea", "reprograma",
        "agenda", "agendar",
    ),
}

FR: Final[Table] = {
    "sends_outside": (
        "envoie", "envoies", "envoyer", "envoyez", "renvoie", "transfère", "transfere",
        "transférer", "transferer", "transférez", "transferez", "réponds", "reponds",
        "répondre", "repondre", "répondez", "repondez", "paie", "paye", "payer", "payez",
        "invite", "inviter", "invitez", "partage", "partager", "partagez", "publie", "publier",
        "notifie", "préviens", "previens", "écris-lui", "ecris-lui", "réserve", "reserve",
        "réserver", "reserver", "mail", "mailer",
    ),
    "writes_workspace": (
        "enregistre", "enregistrer", "sauvegarde", "sauvegarder", "écris", "ecris", "écrire",
        "ecrire", "crée", "créer", "creer", "créez", "creez", "ajoute", "ajouter", "ajoutez",
        "note", "noter", "modifie", "modifier", "mets", "mettre", "copie", "déplace", "deplace",
        "renomme",
    ),
    "destroys": (
        "supprime", "supprimer", "supprimez", "efface", "effacer", "effacez", "annule",
        "annuler", "annulez", "retirer", "enlève", "enleve", "enlever",
    ),
    "executes_code": (
        "exécute", "execute", "exécuter", "executer", "exécutez", "executez", "lance le",
        "lance la", "lance les", "lancer le", "lancer la", "lancer les", "lancez",
        "compile", "compiler", "installe", "installer", "installez", "construis",
        "démarre", "demarre", "démarrer", "demarrer", "teste", "tester",
    ),
    "controls_gateway": (
        "redémarre", "redemarre", "redémarrer", "redemarrer", "configure", "configurer",
        "reconfigure",
    ),
    "calendar": (
        "calendrier", "agenda", "réunion", "reunion", "rendez-vous", "rdv", "événement",
        "evenement",
    ),
    "schedule": (
        "ajoute", "ajouter", "mets", "crée", "planifie", "programme", "réserve", "reserve",
        "bloque", "cale",
    ),
}

IT: Final[Table] = {
    "sends_outside": (
        "invia", "inviare", "inviagli", "inviale", "invialo", "inviala", "manda", "mandare",
        "mandagli", "mandalo", "spedisci", "spedire", "inoltra", "inoltrare", "inoltragli",
        "rispondi", "rispondere", "rispondigli", "paga", "pagare", "invita", "invitare",
        "condividi", "condividere", "pubblica", "scrivigli", "scrivile", "notifica", "prenota",
        "prenotare",
    ),
    "writes_workspace": (
        "salva", "salvare", "scrivi", "scrivere", "crea", "creare", "aggiungi", "aggiungere",
        "annota", "modifica", "modificare", "aggiorna", "aggiornare", "copia", "sposta",
        "rinomina", "metti", "cambia",
    ),
    "destroys": (
        "elimina", "eliminare", "cancella", "cancellare", "cancellalo", "cancellala", "rimuovi",
        "rimuovere", "annulla", "annullare", "togli", "svuota", "disdici", "disdire",
    ),
    "executes_code": (
        "esegui", "eseguire", "avvia", "avviare", "lanciare", "compila", "compilare",
        "installa", "installare", "costruisci",
    ),
    "controls_gateway": ("riavvia", "riavviare", "configura", "configurare", "riconfigura"),
    "calendar": ("calendario", "agenda", "riunione", "appuntamento", "evento"),
    "schedule": ("aggiungi", "metti", "crea", "fissa", "programma", "prenota", "blocca"),
}

PT: Final[Table] = {
    "sends_outside": (
        "envia", "envie", "enviar", "manda", "mande", "mandar", "encaminha", "encaminhe",
        "encaminhar", "reencaminha", "responde", "responda", "responder", "paga", "pague",
        "pagar", "transfere", "transfira", "convida", "convide", "convidar", "compartilha",
        "compartilhe", "partilha", "partilhe", "publica", "publique", "notifica", "avisa",
        "avise", "reserva", "reserve", "agende",
    ),
    "writes_workspace": (
        "salva", "salve", "salvar", "guarda", "grava", "gravar", "escreve", "escreva",
        "escrever", "cria", "crie", "criar", "adiciona", "adicione", "adicionar", "acrescenta",
        "anota", "anote", "edita", "edite", "atualiza", "atualize", "copia", "copie", "move",
        "mova", "renomeia", "põe", "poe", "coloca", "coloque", "muda", "altera", "altere",
    ),
    "destroys": (
        "apaga", "apague", "apagar", "exclui", "exclua", "excluir", "deleta", "delete",
        "remove", "remova", "remover", "cancela", "cancele", "cancelar", "elimina", "elimine",
    ),
    "executes_code": (
        "executa", "execute", "executar", "rodar", "compila", "compile", "compilar", "instala",
        "instale", "instalar", "constrói",
    ),
    "controls_gateway": ("reinicia", "reinicie", "reiniciar", "configura", "configurar"),
    "calendar": (
        "calendário", "calendario", "agenda", "reunião", "reuniao", "compromisso", "evento",
    ),
    "schedule": (
        "adiciona", "adicione", "coloca", "coloque", "põe", "poe", "marca", "marque", "agenda",
        "agende", "cria", "crie", "bloqueia", "reserva",
    ),
}
# fmt: on
