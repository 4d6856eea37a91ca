"""The words that ask for each kind of action in Turkish, Indonesian, Hindi and Arabic
(data only): listed forms, and ``stem*`` where the word takes suffixes.
"""

from __future__ import annotations

from typing import Final

from clawkeep.policy._intent_kinds import Table

__all__ = ["AR", "HI", "ID", "TR"]

# fmt: off
TR: Final[Table] = {
    "sends_outside": (
        "gönder*", "gonder*", "ilet", "iletin", "yanıtla", "yanitla", "cevapla", "öde",
        "ödeyin", "davet", "paylaş", "paylas", "yayınla", "yayinla", "bildir", "yükle", "yukle",
    ),
    "writes_workspace": (
        "kaydet*", "oluştur", "olustur", "ekle", "düzenle", "duzenle", "güncelle", "guncelle",
        "kopyala", "taşı", "tasi", "değiştir", "degistir",
    ),
    "destroys": (
        "sil", "silin", "silsene", "iptal", "kaldır", "kaldir", "temizle", "boşalt", "bosalt",
    ),
    "executes_code": ("çalıştır", "calistir", "yürüt", "yurut", "başlat", "baslat"),
    "controls_gateway": ("yapılandır", "yapilandir"),
    "calendar": ("takvim*", "toplantı*", "toplanti*", "randevu*", "etkinlik"),
    "schedule": ("ekle", "koy", "oluştur", "olustur", "planla", "ayarla"),
}

ID: Final[Table] = {
    "sends_outside": (
        "kirim", "kirimkan", "kirimi", "teruskan", "balas", "bayar", "bayarkan", "transfer",
        "mengundang", "bagikan", "posting", "beritahu",
    ),
    "writes_workspace": (
        "simpan", "tulis", "tuliskan", "buat", "buatkan", "tambah", "tambahkan", "catat",
        "edit", "ubah", "perbarui", "salin", "pindahkan",
    ),
    "destroys": ("hapus", "hapuskan", "batal", "batalkan", "buang", "bersihkan"),
    "executes_code": ("jalankan", "eksekusi", "instal", "kompilasi"),
    "controls_gateway": ("konfigurasi", "konfigurasikan"),
    "calendar": ("kalender", "rapat", "janji", "acara"),
    "schedule": ("tambah", "tambahkan", "masukkan", "jadwalkan", "pesan", "blokir"),
}

HI: Final[Table] = {
    "sends_outside": (
        "भेज*", "फॉरवर्ड", "जवाब", "भुगतान", "पेमेंट", "आमंत्रित", "शेयर", "मेल",
    ),
    "writes_workspace": ("सेव", "सहेज*", "लिख*", "बनाओ", "बनाएं", "जोड़*", "अपडेट", "बदल*"),
    "destroys": ("हटा*", "मिटा*", "डिलीट", "रद्द"),
    "executes_code": ("चलाओ", "चलाएं", "चलाइए", "चलाना", "इंस्टॉल", "इंस्टाल", "बिल्ड", "कंपाइल"),
    "controls_gateway": ("रीस्टार्ट", "कॉन्फ़िगर"),
    "calendar": ("कैलेंडर", "मीटिंग", "बैठक", "अपॉइंटमेंट"),
    "schedule": ("जोड़*", "डाल*", "बुक", "तय"),
}

AR: Final[Table] = {
    "sends_outside": (
        "أرسل*", "ابعث*", "ابعت*", "رد", "ردي", "ادفع*", "سدد", "شارك*", "ادعو", "ادعه",
        "انشر*", "احجز*",
    ),
    "writes_workspace": ("احفظ*", "اكتب*", "أنشئ*", "أضف*", "سجل*", "انسخ*", "انقل*"),
    "destroys": (
        "احذف*", "حذف*", "امسح*", "ألغ", "ألغي", "ألغه", "ألغها", "إلغاء", "أزل", "أزله",
        "أزلها", "إزالة",
    ),
    "executes_code": ("نفذه", "نفذها", "تنفيذ", "تشغيل", "تثبيت"),
    "controls_gateway": ("اضبط", "تهيئة"),
    "calendar": ("تقويم", "اجتماع", "موعد"),
    "schedule": ("أضف*", "ضع", "احجز*", "حدد", "جدول*"),
}
# fmt: on
