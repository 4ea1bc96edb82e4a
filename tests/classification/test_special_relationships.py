"""Same-sex relationships said with a verb or a phrase ("seeing another man"), in all 26 languages."""

from __future__ import annotations

import pytest

from gateway.classification.engine import DetectionEngine
from gateway.classification.partners import SameSexPartners
from gateway.classification.special import SpecialCategoryFinder
from gateway.classification.term_forms import TextWords
from tests.support.languages import ALL_LANGUAGES

SEX_LIFE = "sex_life_or_sexual_orientation"
UNION = "trade_union_membership"


@pytest.fixture(scope="module")
def finder() -> SpecialCategoryFinder:
    return SpecialCategoryFinder(ALL_LANGUAGES)


def _sex_life(finder: SpecialCategoryFinder, text: str, lang: str) -> list[tuple[int, int]]:
    return [(h.start, h.end) for h in finder.find(text, lang) if h.category == SEX_LIFE and h.linked]


@pytest.mark.parametrize(
    ("lang", "same", "other"),
    [
        ("en", "My colleague told me he has been seeing another man.", "My brother has been seeing a woman."),
        ("pl", "Mój kolega od roku spotyka się z innym mężczyzną.", "Mój brat spotyka się z kobietą."),
        ("pl", "Moja siostra jest w związku z kobietą.", "Mój brat jest w związku z kobietą."),
        ("el", "Ο συνάδελφός μου βγαίνει με άντρες.", "Ο αδερφός μου βγαίνει με μια γυναίκα."),
        ("el", "Ο αδερφός μου έχει σχέση με έναν άντρα.", "Η αδερφή μου έχει σχέση με έναν άντρα."),
        ("fr", "Mon frère sort avec un homme depuis un an.", "Mon frère sort avec une femme."),
        ("es", "Mi hermano sale con un chico desde hace meses.", "Mi hermana sale con un chico."),
        ("it", "Mio fratello esce con un uomo da un anno.", "Mia sorella esce con un uomo."),
        ("pt", "O meu irmão namora com um homem há dois anos.", "A minha irmã namora com um homem."),
        ("nl", "Mijn broer is getrouwd met een man.", "Mijn zus is getrouwd met een man."),
        ("de", "Mein Bruder ist mit einem Mann verheiratet.", "Mein Bruder ist mit einer Frau verheiratet."),
        ("sv", "Min bror är tillsammans med en man.", "Min syster är tillsammans med en man."),
        ("da", "Min bror er kæreste med en mand.", "Min søster er kæreste med en mand."),
        ("no", "Broren min er sammen med en mann.", "Søsteren min er sammen med en mann."),
        ("is", "Bróðir minn er í sambandi við mann.", "Systir mín er í sambandi við mann."),
        ("fi", "Veljeni seurustelee miehen kanssa.", "Veljeni seurustelee naisen kanssa."),
        ("et", "Minu vend on suhtes mehega.", "Minu vend on suhtes naisega."),
        ("hu", "A bátyám egy férfival jár.", "A húgom egy férfival jár."),  # the verb after its partner
        ("lv", "Mans brālis satiekas ar vīrieti.", "Mans brālis satiekas ar sievieti."),
        ("lt", "Mano brolis susitikinėja su vyru.", "Mano brolis susitikinėja su mergina."),
        ("cs", "Můj bratr chodí s mužem.", "Můj bratr chodí se ženou."),
        ("sk", "Môj brat chodí s mužom.", "Môj brat chodí so ženou."),
        ("sl", "Moj brat hodi z moškim.", "Moj brat hodi z žensko."),
        ("hr", "Moj brat izlazi s muškarcem.", "Moj brat izlazi s djevojkom."),
        ("bg", "Брат ми излиза с мъж.", "Брат ми излиза с жена."),
        ("ro", "Fratele meu se întâlnește cu un bărbat.", "Fratele meu se întâlnește cu o femeie."),
        ("ga", "Tá mo dheartháir ag siúl amach le fear.", "Tá mo dheirfiúr ag siúl amach le fear."),
        ("mt", "Ħija joħroġ ma' raġel.", "Oħti toħroġ ma' raġel."),
    ],
)  # fmt: skip
def test_a_relationship_with_someone_of_the_same_sex_is_sex_life_the_other_sex_is_not(
    finder: SpecialCategoryFinder, lang: str, same: str, other: str
) -> None:
    assert _sex_life(finder, same, lang)
    assert not _sex_life(finder, other, lang)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("es", "Mi prima está casada con una mujer."),  # "casada": the phrase says she is a woman
        ("pl", "Spotykała się z kobietą przez dwa lata."),
        ("is", "Hún er gift konu."),
        ("mt", "Oħti toħroġ ma' mara."),
    ],
)
def test_a_phrase_whose_ending_marks_its_subjects_sex_needs_no_other_word(
    finder: SpecialCategoryFinder, lang: str, text: str
) -> None:
    assert _sex_life(finder, text, lang)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "She went to the cinema with her brother."),
        ("en", "A man and a woman were seen near the station."),
        ("en", "A study of men and women who dated online found no difference."),
        ("en", "She kept seeing, a woman told me, strange lights."),  # a clause break between
        ("pl", "Moja siostra poszła do kina z bratem."),
        ("pl", "Mężczyźni i kobiety głosowali podobnie w tych wyborach."),
        ("de", "Er arbeitet mit einem Mann zusammen."),  # working together is no relationship
        ("fi", "Hän matkusti miehen kanssa Tampereelle."),  # "with a man", no dating verb
        ("hu", "Egy férfival kapcsolatban van egy kérdésem."),  # "kapcsolatban": regarding
    ],
)
def test_people_together_without_a_relationship_say_nothing(
    finder: SpecialCategoryFinder, lang: str, text: str
) -> None:
    assert not _sex_life(finder, text, lang)


def test_a_relationship_is_no_trade_union(finder: SpecialCategoryFinder) -> None:
    """Polish "związek" is a relationship and a union: "w związku z kobietą" is the former."""
    hits = finder.find("Moja siostra jest w związku z kobietą.", "pl")
    assert [h.category for h in hits] == [SEX_LIFE]
    hits = finder.find("Mój brat jest w związku z kobietą.", "pl")
    assert UNION not in [h.category for h in hits]
    # The union sense stays where the words say it.
    assert UNION in [h.category for h in finder.find("Mój brat jest członkiem związku zawodowego.", "pl")]


@pytest.mark.parametrize(
    ("lang", "same", "other"),
    [
        ("pt", "O marido do João chama-se Pedro.", "O marido da Ana chama-se Pedro."),
        ("pt", "A mulher da Rita é professora.", "A mulher do Rui é professora."),
        ("es", "El marido de Pablo es médico.", "El marido de Lucía es médico."),
        ("it", "La moglie di Giulia lavora a Roma.", "La moglie di Marco lavora a Roma."),
        ("en", "The husband of my brother is a nurse.", "The husband of my sister is a nurse."),
    ],
)
def test_a_partner_words_owner_may_follow_it_after_of(
    finder: SpecialCategoryFinder, lang: str, same: str, other: str
) -> None:
    assert _sex_life(finder, same, lang)
    assert not _sex_life(finder, other, lang)


def test_of_followed_by_no_person_says_nothing(finder: SpecialCategoryFinder) -> None:
    assert not _sex_life(finder, "A mulher da limpeza chega às nove.", "pt")


def test_relationships_in_an_engine_are_tied_to_the_person() -> None:
    engine = DetectionEngine(["en", "pl"])
    assert SEX_LIFE in engine.analyze("Tom told me he has been dating another guy.").special_categories
    assert engine.analyze("Two men and a woman were arrested yesterday.").special_categories == ()


def test_a_long_text_of_relationships_is_read_in_time_linear_in_its_length() -> None:
    """Each man or woman looks back a few words for a phrase and a bounded way for its subject."""
    import gateway.classification.partners as partners

    def steps(text: str) -> int:
        calls = 0
        real = partners.SameSexPartners._owner

        def counted(self: SameSexPartners, *args: object) -> str | None:
            nonlocal calls
            calls += 1
            return real(self, *args)  # type: ignore[arg-type]

        finder = SameSexPartners(["en"])
        finder._owner = counted.__get__(finder)  # type: ignore[method-assign]
        finder.find(text, TextWords(text), ("en",))
        return calls

    chunk = "they are seeing another man and "
    assert 0 < steps(chunk * 1000) <= 12 * steps(chunk * 100)
