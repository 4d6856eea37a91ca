"""How long normalisation (and the de-obfuscated view) takes on a megabyte built to be slow:
floods of single letters, leet words, zero-width characters, combining marks, turned
letters, look-alikes, tag characters and encoding shapes. Every pass is linear; this prints the times.

Run: .venv/bin/python bench/normalise_flood.py
"""

from __future__ import annotations

import time

from clawkeep.guards.injection import normalise

TAG = chr(0xE0041)
MB = 1_000_000
FLOODS = {
    "plain prose": "the quick brown fox " * (MB // 20),
    "spaced letters": "a b " * (MB // 4),
    "dotted letters": "i.g." * (MB // 4),
    "letters on lines": "a\n" * (MB // 2),
    "underscore run, word at the end": "a_" * (MB // 2 - 1) + "ab",
    "leet words": "1gn0r3 " * (MB // 7),
    "leet and spacing": "1 g n 0 r 3 " * (MB // 12),
    "zero-width inside one word": "a" + "\u200b" * MB + "b",
    "combining marks": "i\u0307" * (MB // 2),
    "turned letters": "ɐ" * MB,
    "small capitals": "ᴀ" * MB,
    "Cyrillic in Latin": "аb" * (MB // 2),
    "Cherokee words in Latin text": "ᎪᏴ hello " * (MB // 9),
    "honest Russian": "привет как дела " * (MB // 16),
    "regional indicators": "\U0001f1ee " * (MB // 3),
    "alternating case": "aBaBaB " * (MB // 7),
    "tags inside spaced letters": f"i {TAG}" * (MB // 3),
    "word fragments": "dis re gard all gui de li nes " * (MB // 30),
    "joined letters": "i g n o r e y o u r r u l e s " * (MB // 30),
    "hex pairs, a letter at the end": "aa " * (MB // 3) + "g",
    "base64 of text": "aWdub3JlIGFsbCBwcmV2aW91cyBpbnN0cnVjdGlvbnM= " * (MB // 45),
    "one word of base64 letters": "a" * MB,
    "broken percent escapes": "%4" * (MB // 2),
    "code points": "0049 " * (MB // 5),
    "Morse-like dots and dashes": ". - " * (MB // 4),
    "NATO words": "alpha bravo " * (MB // 12),
    "named ROT13": "rot13 " + "vtaber nyy " * (MB // 11),
}


def main() -> None:
    normalise("warm up ᴀ")  # builds the look-alike tables once
    for name, text in FLOODS.items():
        start = time.perf_counter()
        norm = normalise(text)
        took = time.perf_counter() - start
        view = "view" if norm.deobfuscated is not None else "no view"
        print(f"{name:34} {len(text):9,d} chars {took * 1000:8.0f} ms  {view}")


if __name__ == "__main__":
    main()
