"""Generate the name lists shipped in gateway/classification/data/names/ (run once, commit the output).

Sources: Faker's locale person providers (a dev dependency, never imported at run time) for 25
of the 26 languages, plus common Lithuanian surnames written out below, since Faker's lt_LT list is
short, and common Maltese names, which Faker lacks. Lithuanian and
Latvian surnames are extended with their feminine forms.

Every name is shipped. The development corpus (tests/classification/corpus) marks one name in five
(by a keyed hash, ``held_out`` below) as unseen; bench/detection.py takes those out of its own
engine's lists to report what context alone finds. The product's lists once left them out too, and
so missed "David", "Emma", "Sara" and "Piotr" in every language.
"""

from __future__ import annotations

import hashlib
import importlib
import json
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "gateway" / "classification" / "data" / "names"

LOCALES = {
    "en": ["en_GB", "en_US", "en_IE"],
    "lt": ["lt_LT"],
    "lv": ["lv_LV"],
    "et": ["et_EE"],
    "fi": ["fi_FI"],
    "de": ["de_DE", "de_AT", "de_CH"],
    "it": ["it_IT"],
    "bg": ["bg_BG"],
    "cs": ["cs_CZ"],
    "da": ["da_DK"],
    "el": ["el_GR"],
    "es": ["es_ES"],
    "fr": ["fr_FR", "fr_BE", "fr_CH"],
    "ga": ["ga_IE"],
    "hr": ["hr_HR"],
    "hu": ["hu_HU"],
    "is": ["is_IS"],
    "mt": [],  # Faker has no Maltese locale: the lists below
    "nl": ["nl_NL", "nl_BE"],
    "no": ["no_NO"],
    "pl": ["pl_PL"],
    "pt": ["pt_PT"],
    "ro": ["ro_RO"],
    "sk": ["sk_SK"],
    "sl": ["sl_SI"],
    "sv": ["sv_SE"],
}

# Common Maltese surnames and given names (Maltese forms and the Italian/English ones in use).
MT_SURNAMES = """Borg Camilleri Vella Farrugia Zammit Galea Micallef Grech Attard Spiteri Azzopardi Mizzi
Cassar Caruana Agius Pace Buttigieg Fenech Schembri Debono Bonnici Sammut Cutajar Calleja Abela Xuereb
Psaila Muscat Gauci Mifsud Formosa Falzon Ellul Sultana Zahra Saliba Cauchi Aquilina Tanti Darmanin
Bugeja Portelli Scicluna Briffa Chircop Zerafa Magro Frendo Baldacchino Camenzuli Desira Gatt Vassallo
Cini Mallia Bartolo Bezzina Cachia Degiorgio Farrugia Grima Mangion Mercieca Zarb Stivala Tabone"""
MT_FIRST = """Ġorġ Ġużeppi Ġwann Pawlu Marija Rita Karmenu Salvu Toni Ninu Wenzu Indri Frans Anġlu Ċensu
Kalċidon Manwel Mikiel Nikol Rosa Doris Josette Maria Carmen Joseph John Paul Mark Luke Matthew Daniel
Kurt Jean Claire Charlene Roberta Nicole Rebecca Sarah Martina Stephanie Christian Andrea Karl Gilbert
Antoine Miriam Graziella Francesca Rachel Simon Clayton Ryan Malcolm Jesmond Glenn Carmel Lorry Noel"""

LT_SURNAMES = """Kazlauskas Jankauskas Petrauskas Stankevičius Vasiliauskas Žukauskas Butkus Paulauskas
Urbonas Kavaliauskas Baranauskas Pocius Navickas Sakalauskas Rimkus Lukoševičius Vaitkus Adomaitis
Kairys Šimkus Marcinkevičius Mockus Ramanauskas Žilinskas Juška Balčiūnas Barkauskas Kazakevičius
Vitkauskas Mikalauskas Jonaitis Petraitis Kazlauskis Grigas Sabonis Bagdonas Mažeika Stonkus
Jurevičius Kučinskas Savickas Bernotas Valančius Gudaitis Kriaučiūnas Norkus Zubavičius Lukšys
Dambrauskas Morkūnas Radzevičius Vilkas Tamošiūnas Sadauskas Šukys Daukantas Valaitis Jasaitis
Banys Kairiūkštis Čepulis Vaičiulis Ambrazas Rutkauskas Bartkus Markevičius Jakštas Sinkevičius
Klimas Lapinskas Venckus Žemaitis Tamulis Jokubauskas Bružas Kuzminskas Dirgėla Kulikauskas
Gailius Staškevičius Laurinaitis Mickus Kudirka Brazauskas Landsbergis Nausėda Šimonytė Grybauskas
Gintalas Stulginskis Smetona Krivickas Butkevičius Maciulis Paškevičius Jurgaitis Navakas
Tamkevičius Rakauskas Puodžius Sirvydis Vaišvila Mačiulis Šeškus Kaminskas Januška Dapkus
Gedvilas Vaičiūnas Dovydaitis Mikulėnas Pranckevičius Antanaitis Kvedaras Bieliauskas Ivanauskas
Kairaitis Rudys Juknevičius Sutkus Šalkauskas Bartkevičius Ruseckas Strazdas Gečas Zabielskis"""


def held_out(name: str) -> bool:
    return hashlib.sha256(f"holdout:{name}".encode()).digest()[0] % 5 == 0


def lt_feminine(surname: str) -> list[str]:
    for masc, married, maiden in (
        ("ius", "ienė", "iūtė"),
        ("as", "ienė", "aitė"),
        ("is", "ienė", "ytė"),
        ("ys", "ienė", "ytė"),
        ("us", "ienė", "utė"),
        ("a", "ienė", "aitė"),
    ):
        if surname.endswith(masc):
            stem = surname[: -len(masc)]
            return [stem + married, stem + maiden]
    return []


def _names_in(value: object) -> set[str]:
    """Names from a provider attribute: a list, a weighted mapping, or a mapping of lists."""
    if isinstance(value, dict):
        inner = list(value.values())
        if inner and all(isinstance(v, list | tuple) for v in inner):
            return {str(n) for v in inner for n in v}
        return {str(n) for n in value}
    return {str(n) for n in value}  # type: ignore[attr-defined]


def collect(lang: str) -> tuple[set[str], set[str]]:
    first: set[str] = set()
    last: set[str] = set()
    for loc in LOCALES[lang]:
        provider = importlib.import_module(f"faker.providers.person.{loc}").Provider
        for attr in dir(provider):
            value = getattr(provider, attr)
            if attr.startswith("_") or not isinstance(value, list | tuple | dict):
                continue
            names = _names_in(value)
            if "first_name" in attr:
                first |= names
            elif "last_name" in attr:
                last |= names
    if lang == "mt":
        first |= set(MT_FIRST.split())
        last |= set(MT_SURNAMES.split())
    if lang == "lt":
        last |= set(LT_SURNAMES.split())
        last |= {f for s in list(last) for f in lt_feminine(s)}
    # Keep single words only: compound entries ("Anna Maria", "von Berg") are matched word by word.
    first = {n for n in first if n.isalpha() and len(n) > 1}
    last = {n for n in last if n.replace("-", "").replace("'", "").isalpha() and len(n) > 1}
    return first, last


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for lang in LOCALES:
        first, last = collect(lang)
        data = {"first": sorted(first), "last": sorted(last)}
        (OUT / f"{lang}.json").write_text(
            json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8"
        )
        print(f"{lang}: {len(data['first'])} first names, {len(data['last'])} surnames")


if __name__ == "__main__":
    main()
