"""Company legal forms and organisation words of the EU states: a capitalised run next to one names
an organisation, not a person.

"Vilniaus Prekyba UAB", "SIA Zaļā Upe", "Müller GmbH", "Nokia Oyj", "Novak d.o.o.", "Termex
Logistyka sp. z o.o.", "Grupo Miravalle S.L.U.", "Mota-Engil, SGPS, S.A.", "S.C. Carpatica SRL";
and runs holding a word that names a business or a carrier rather than a person ("Fan Courier",
"Grupo Miravalle", "Pošta Slovenije", "Nordic Logistics").
"""

from __future__ import annotations

import regex

# Written as companies write them (case matters: "AS", not "as"); all-capitals variants also count.
_LEGAL_FORM_WORDS = """GmbH AG KG UG SE OHG e.V. SpA S.p.A. Srl S.r.l. SAS Snc Oy Oyj AB AS A/S ASA
    ApS I/S BV B.V.
    NV N.V. VOF SA S.A. SARL Sàrl SPRL BVBA SL S.L. SAU Lda Lda. s.r.o. a.s. spol. Kft. Zrt. Nyrt.
    Bt. d.o.o. d.d. j.d.o.o. Ltd Ltd. PLC plc LLC Inc Inc. DAC CLG Teo. Teoranta ehf. hf. OÜ UAB MB
    VšĮ SIA EOOD OOD ЕООД ООД АД ЕАД AE Α.Ε. ΕΠΕ IKE ΙΚΕ S.A.S. Corp. p.l.c.
    S.L.U. SLU S.A.U. SGPS S.C.A. SCA SCS SNC EURL SCOP Sagl S.a.s. S.n.c. S.c.a.r.l. Scarl
    mbH e.U. KEG OG Ky Tmi Oy Ab slf. sf. ANS DA KS BA SRL S.R.L. S.C. CVBA SCRL SComm U.A. CV
    k.s. v.o.s. z.s. s.p. d.n.o. k.d. j.t.d. Kkt. Kkt Bt Kft Zrt Nyrt TÜ MTÜ FIE IĮ KŪB ŽŪB
    ET ЕТ КД СД ΟΕ Ο.Ε. ΕΕ Ε.Ε. Α.Ε ΑΕ ΜΙΚΕ Μ.Ι.Κ.Ε. Ι.Κ.Ε. ULC UC LLP LP Limited hf ehf Oyj"""
# Forms of several words, matched with their inner spaces optional: "sp. z o.o.", "spol. s r.o.".
_LEGAL_FORM_PHRASES = (
    r"sp\.\s?z\s?o\.\s?o\.|Sp\.\s?z\s?o\.\s?o\.|SP\.\s?Z\s?O\.\s?O\.|spol\.\s?s\s?r\.\s?o\.|"
    r"s\.\s?r\.\s?o\.|a\.\s?s\.|sp\.\s?j\.|sp\.\s?k\.|S\.\s?A\.|GmbH\s?&\s?Co\.?\s?KG|Oy\s?Ab|"
    r"d\.\s?o\.\s?o\.|S\.\s?L\.|N\.\s?V\.|B\.\s?V\."
)
LEGAL_FORMS = frozenset(_LEGAL_FORM_WORDS.split())
LEGAL_FORM = regex.compile(
    r"(?:{}|{})(?![\p{{L}}\p{{N}}])".format(
        _LEGAL_FORM_PHRASES,
        "|".join(
            regex.escape(f)
            for f in sorted(LEGAL_FORMS | {f.upper() for f in LEGAL_FORMS}, key=len, reverse=True)
        ),
    )
)
# Forms written before the name: "UAB Žalias Miškas", "SIA Zaļā Upe", "S.C. Carpatica SRL", "ЕТ Иванов".
LEGAL_FORM_BEFORE = regex.compile(
    r"(?<![\p{L}\p{N}])(?:UAB|AB|VšĮ|MB|IĮ|SIA|AS|OÜ|TÜ|MTÜ|FIE|EOOD|ЕООД|ООД|ЕАД|АД|ЕТ|S\.C\.|SC|KŪB)"
    r"\s*[\"„“«']?\s*$"
)

# Words of a business's or a carrier's name, in the forms they take in a sentence: a capitalised run
# holding one is no person ("Fan Courier", "Grupo Miravalle", "s Pošto Slovenije", "Posti Group").
_ORGANISATION_TEXT = """courier couriers kurier kurýr kurir kuriér express expres logistics logistik
    logistyka logistika
    logistica logística logistique logistiikka cargo freight transport transporte transporti trasporti
    shipping spedition group grupo gruppe grupa gruppo groupe groep grupp gruppen koncern holding
    holdings bank banka banco banque bankas banca pankki systems solutions software technologies
    technology consulting partners construcciones construções costruzioni budownictwo stavby
    telecom telekom energy energie energia airlines airways pharma pharmaceuticals insurance
    versicherung seguros assicurazioni posta pošta pošto pošte pošti poštou poste posten postur
    posti pasts paštas postnord postnl correos kurjer paczkomaty inpost omniva itella packeta
    zásilkovna econt sameday cargus dpd gls dhl ups fedex tnt evri chronopost colissimo
    bpost matkahuolto budbee instabox venipak"""
ORGANISATION_WORDS = frozenset(_ORGANISATION_TEXT.split())


def is_organisation(words: list[str], before: str, after: str) -> bool:
    """A legal form after the run, closing it ("Nokia Oyj") or before it ("UAB Žalias Miškas")."""
    tail = after.lstrip(" ,\u00a0\"“”'»")
    return (
        bool(LEGAL_FORM.match(tail))
        or (len(words) > 1 and words[-1] in LEGAL_FORMS)
        or bool(LEGAL_FORM_BEFORE.search(before))
    )


def has_organisation_word(words: list[str]) -> bool:
    """A business or carrier word inside the run ("Fan Courier"); a title before the run ("Herr
    Post") outranks it, so callers ask only where none stands."""
    return any(w.lower() in ORGANISATION_WORDS for w in words)
