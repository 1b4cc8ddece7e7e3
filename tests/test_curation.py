"""Facts of the three seed articles, read from the published CSVs in data/."""

import csv
import re
from functools import cache
from pathlib import Path

DATA = Path(__file__).parents[1] / "data"
TASS, ARMENPRESS, MEDIAMAX = "000_8730724a31ace38e", "003_ed509b88b2911dd7", "004_688db0f7b6e2a534"
CURATED = {
    "people": "person_id",
    "organisations": "organisation_id",
    "places": "place_id",
    "aliases": "alias_id",
    "memberships": "membership_id",
    "events": "event_id",
    "event_participants": "event_participant_id",
    "agreements": "agreement_id",
    "agreement_parties": "agreement_party_id",
}


@cache
def rows(table: str) -> tuple[dict[str, str], ...]:
    with (DATA / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


def by_id(table: str) -> dict[str, dict[str, str]]:
    return {row[CURATED[table]]: row for row in rows(table)}


def evidence(subject_id: str) -> list[dict[str, str]]:
    return [row for row in rows("evidence") if row["subject_id"] == subject_id]


def participants(event_id: str) -> dict[str, str]:
    return {row["participant_id"]: row["role"] for row in rows("event_participants") if row["event_id"] == event_id}


def parties(agreement_id: str) -> dict[str, str]:
    return {row["party_id"]: row["role"] for row in rows("agreement_parties") if row["agreement_id"] == agreement_id}


def test_almaty_talks_are_one_event_with_both_ministers_and_evidence_from_two_articles():
    # The ministers' talks, not their meetings with their host (CONSULT/visit on the same days).
    talks = [
        row
        for row in rows("events")
        if row["date_edtf"] == "2024-05-10/2024-05-11"
        and (row["event_type"], row["event_mode"]) == ("CONSULT", "third-party")
    ]
    assert [row["event_id"] for row in talks] == ["almaty-talks-2024-05"]
    talk = talks[0]
    assert (talk["start_date"], talk["end_date"], talk["date_precision"]) == ("2024-05-10", "2024-05-11", "day")
    assert talk["status"] == "occurred"
    found = participants("almaty-talks-2024-05")
    assert found["ararat-mirzoyan"] == "participant"
    assert found["jeyhun-bayramov"] == "participant"
    assert found["kazakhstan"] == "host"
    assert {row["article_id"] for row in evidence("almaty-talks-2024-05")} == {TASS, ARMENPRESS}


def test_karabakh_has_its_alternative_names():
    aliases = {(row["entity_id"], row["alias"]) for row in rows("aliases")}
    assert ("karabakh", "Artsakh") in aliases
    assert ("karabakh", "Nagorno-Karabakh") in aliases
    assert by_id("places")["karabakh"]["place_type"] == "territory"
    assert by_id("aliases")["karabakh--artsakh"]["language"] == "hy-Latn"


def test_trilateral_statement_keeps_the_article_date_and_the_pax_date():
    statement = by_id("agreements")["trilateral-statement-2020-11"]
    assert statement["pax_agt_id"] == "2324"
    # PA-X's page gives the stage (Ceasefire/related), not a sub-stage: none is published.
    assert (statement["stage"], statement["substage"], statement["status"]) == ("Cea", "", "signed")
    assert statement["date_edtf"] == "2020-11-09"
    dates = {
        (row["value"], row["article_id"], row["source_id"])
        for row in evidence("trilateral-statement-2020-11")
        if row["property"] == "date_edtf"
    }
    assert dates == {("2020-11-09", TASS, ""), ("2020-11-10", "", "pax-2324")}
    signatories = {
        row["party_id"]
        for row in rows("agreement_parties")
        if row["agreement_id"] == "trilateral-statement-2020-11" and row["role"] == "signatory"
    }
    assert signatories == {"armenia", "azerbaijan", "russia"}


def test_pax_sources_are_the_pages_that_were_read():
    sources = {row["source_id"]: row for row in rows("sources")}
    for agt_id in ("2324", "611"):
        source = sources[f"pax-{agt_id}"]
        assert source["publisher"] == "University of Edinburgh"
        assert source["citation"] == f"PA-X Peace Agreements Database, AgtId {agt_id}"
        assert source["url"].endswith(f"peaceagreements.org/agreements/{agt_id}")
        assert source["accessed_date"] == "2026-12-02"
    declaration = by_id("agreements")["zheleznovodsk-declaration-1991"]
    assert (declaration["pax_agt_id"], declaration["stage"], declaration["substage"]) == ("611", "Pre", "")
    assert declaration["date_edtf"] == "1991"
    assert any(
        row["source_id"] == "pax-611" and row["value"] == "1991-09-23"
        for row in evidence("zheleznovodsk-declaration-1991")
    )


def test_every_curated_row_has_evidence():
    supported = {row["subject_id"] for row in rows("evidence")}
    missing = [(table, row[key]) for table, key in CURATED.items() for row in rows(table) if row[key] not in supported]
    assert missing == []
    assert len(rows("events")) > 20 and len(rows("event_participants")) > 50


def test_evidence_spans_are_the_article_text():
    texts = {row["article_id"]: row["text"] for row in rows("articles")}
    spans = [row for row in rows("evidence") if row["article_id"]]
    assert spans
    for row in spans:
        assert texts[row["article_id"]][int(row["char_start"]) : int(row["char_end"])] == row["quote"], row
    for row in rows("evidence"):
        assert bool(row["article_id"]) != bool(row["source_id"]), row


def test_galuzin_is_deputy_minister_in_the_russian_foreign_ministry():
    memberships = [row for row in rows("memberships") if row["person_id"] == "mikhail-galuzin"]
    assert [(m["organisation_id"], m["on_behalf_of_id"], m["role"]) for m in memberships] == [
        ("russia-ministry-of-foreign-affairs", "russia", "Deputy Minister of Foreign Affairs")
    ]
    ministry = by_id("organisations")["russia-ministry-of-foreign-affairs"]
    assert (ministry["classification"], ministry["parent_id"], ministry["country_code"]) == ("ministry", "russia", "RU")
    attested = {row["value"] for row in evidence(memberships[0]["membership_id"]) if row["property"] == "attested_date"}
    assert attested == {"2023-10-09", "2024-05-15", "2024-06-05"}


def test_only_named_people_are_people():
    assert set(by_id("people")) == {
        "mikhail-galuzin",
        "ararat-mirzoyan",
        "jeyhun-bayramov",
        "hikmet-hajiyev",
        "murat-nurtleu",
    }
    nurtleu = {row["organisation_id"] for row in rows("memberships") if row["person_id"] == "murat-nurtleu"}
    assert nurtleu == {"kazakhstan-government", "kazakhstan-ministry-of-foreign-affairs"}


def test_border_villages_come_in_pairs_with_their_countries():
    places = by_id("places")
    pairs = [
        ("baganis", "baganis-ayrim"),
        ("voskepar", "asagi-askipara"),
        ("kirants", "kheirimli"),
        ("berkaber", "gizilgadzhili"),
    ]
    for armenian, azerbaijani in pairs:
        assert (places[armenian]["country_code"], places[azerbaijani]["country_code"]) == ("AM", "AZ")
        assert places[armenian]["place_type"] == places[azerbaijani]["place_type"] == "village"
    provisional = by_id("agreements")["delimitation-provisional-agreement-2024-04"]
    # Agreed at the meeting, which is known only to precede the press release of 19 April.
    assert (provisional["status"], provisional["date_edtf"]) == ("provisional", "../2024-04-19")
    assert provisional["event_id"] == "border-commissions-meeting-2024-04"


def test_event_dates_keep_their_precision():
    events = by_id("events")
    assert (events["moscow-talks-2023-05"]["date_edtf"], events["moscow-talks-2023-05"]["date_precision"]) == (
        "2023-05",
        "month",
    )
    assert events["moscow-talks-2023-07"]["date_edtf"] == "2023-07"
    assert participants("moscow-talks-2023-07") == {
        "russia": "host",
        "armenia": "participant",
        "azerbaijan": "participant",
    }
    rail = by_id("agreements")["rail-communication-understanding-2023"]
    assert (rail["date_edtf"], rail["start_date"], rail["end_date"]) == ("../2023-06", "", "2023-06-30")
    ceasefire = events["cessation-of-hostilities-2023-09-20"]
    assert (ceasefire["event_type"], ceasefire["event_mode"], ceasefire["date_edtf"]) == (
        "RETREAT",
        "ceasefire",
        "2023-09-20",
    )


def test_bishkek_talks_were_only_under_consideration():
    talks = by_id("events")["bishkek-talks-2023-10-12"]
    assert (talks["status"], talks["date_edtf"], talks["place_id"]) == ("under-consideration", "2023-10-12", "bishkek")
    assert participants("bishkek-talks-2023-10-12") == {
        f"{state}-ministry-of-foreign-affairs": "participant" for state in ("armenia", "russia", "azerbaijan")
    }
    assert by_id("places")["bishkek"]["country_code"] == "KG"
    assert any(row["source_id"] == "iso-3166-2" and "KG-GB" in row["note"] for row in evidence("bishkek"))


def test_interviews_name_speaker_and_interviewer():
    for event_id, outlet, article in (
        ("galuzin-tass-interview-2024-06-05", "tass", TASS),
        ("galuzin-news-ru-interview-2024-05", "news-ru", ARMENPRESS),
        ("galuzin-rbc-interview-2023-10", "rbc", MEDIAMAX),
    ):
        found = participants(event_id)
        assert (found["mikhail-galuzin"], found[outlet]) == ("speaker", "interviewer")
        assert by_id("organisations")[outlet]["classification"] == "news-outlet"
        assert {row["article_id"] for row in evidence(event_id)} == {article}


def test_ids_are_unique_across_tables_and_link_ids_name_their_parts():
    ids = [row[key] for table, key in CURATED.items() for row in rows(table)]
    assert len(ids) == len(set(ids))
    links = {
        "event_participants": ("event_id", "participant_id"),
        "agreement_parties": ("agreement_id", "party_id"),
        "aliases": ("entity_id", None),
        "memberships": ("person_id", None),
    }
    entities = set(ids)
    for table, (first, second) in links.items():
        for row in rows(table):
            assert row[CURATED[table]].startswith(row[first] + "--"), row
            assert row[first] in entities
            if second:
                assert row[CURATED[table]] == f"{row[first]}--{row[second]}"
                assert row[second] in entities
    assert all(re.fullmatch(r"[a-z0-9]+(?:--?[a-z0-9]+)*", value) for value in ids)


def test_quotes_are_tied_to_the_interview_they_were_said_in():
    events = {}
    for quote in rows("quotes"):
        if quote["quote_type"] != "term":
            events.setdefault(quote["article_id"], set()).add(quote["event_id"])
    assert events == {
        "000_8730724a31ace38e": {"galuzin-tass-interview-2024-06-05"},
        "003_ed509b88b2911dd7": {"galuzin-news-ru-interview-2024-05"},
        "004_688db0f7b6e2a534": {"galuzin-rbc-interview-2023-10"},
    }
    term = next(q for q in rows("quotes") if q["text"] == "Zangezur Corridor")
    assert (term["quote_type"], term["speaker_id"], term["event_id"]) == ("term", "", "")


def test_cities_are_places_even_when_named_for_their_governments():
    places = by_id("places")
    assert (places["baku"]["country_code"], places["astana"]["country_code"]) == ("AZ", "KZ")
    assert not [a for a in rows("aliases") if a["alias"] in ("Baku", "Astana", "Moscow", "Yerevan")]
    mentions = {m["surface"]: m["entity_id"] for m in rows("mentions")}
    assert (mentions["Baku"], mentions["Astana"]) == ("baku", "astana")


def dated(subject_id: str, prop: str = "date_edtf") -> set[tuple[str, str, str]]:
    """(value, article, quote or source) of the evidence for one field of a row."""
    return {
        (row["value"], row["article_id"], row["quote"] or row["source_id"])
        for row in evidence(subject_id)
        if row["property"] == prop
    }


def test_peacekeepers_are_still_deployed_when_the_last_article_speaks_of_them():
    deployment = by_id("events")["peacekeepers-deployment-2020"]
    assert (deployment["date_edtf"], deployment["start_date"], deployment["end_date"]) == (
        "2020-11-09/..",
        "2020-11-09",
        "",
    )
    assert deployment["status"] == "ongoing"
    assert {article for _, article, _ in dated("peacekeepers-deployment-2020", "status")} == {MEDIAMAX, TASS}
    (value, article, quote), *_ = dated("peacekeepers-deployment-2020")
    assert (value, article) == ("2020-11-09/..", TASS) and quote.endswith("on November 9, 2020")
    # The decision to withdraw is undated: only Hajiyev's statement of 17 April is.
    contingent = by_id("organisations")["russia-peacekeeping-contingent"]["description"]
    assert "by 17 April 2024" in contingent and "in April 2024" not in contingent


def test_the_withdrawal_is_under_way_on_a_cited_source_not_on_the_measures_taken():
    withdrawal = by_id("events")["peacekeepers-withdrawal-2024"]
    assert (withdrawal["event_type"], withdrawal["event_mode"], withdrawal["status"]) == (
        "RETREAT",
        "withdraw",
        "ongoing",
    )
    assert dated("peacekeepers-withdrawal-2024", "status") == {("ongoing", "", "tass-2024-04-17-peacekeepers")}
    tass = {row["source_id"]: row for row in rows("sources")}["tass-2024-04-17-peacekeepers"]
    assert (tass["url"], tass["accessed_date"]) == ("https://tass.com/politics/1776731", "2026-12-02")
    assert participants("peacekeepers-withdrawal-2024") == {
        "russia-peacekeeping-contingent": "source",
        "russia-ministry-of-defense": "source",
        "azerbaijan-ministry-of-defense": "source",
    }
    for ministry in ("russia-ministry-of-defense", "azerbaijan-ministry-of-defense"):
        assert [row["quote"] for row in evidence(ministry)] == [
            "the defense ministries of the two countries are taking relevant measures to implement this decision"
        ]


def test_one_concession_the_statement_reports_it_and_the_future_handover_is_a_concession():
    events = by_id("events")
    assert events["peacekeepers-withdrawal-decision-2024"]["event_type"] == "CONCEDE"
    assert participants("peacekeepers-withdrawal-decision-2024") == {
        "azerbaijan": "source",
        "russia": "source",
        "russia-peacekeeping-contingent": "target",
    }
    assert events["hajiyev-statement-2024-04-17"]["event_type"] == "AGREE"
    assert participants("hajiyev-statement-2024-04-17") == {
        "hikmet-hajiyev": "speaker",
        "azerbaijan": "source",
        "russia": "target",
    }
    transfer = events["villages-transfer-2024"]
    assert (transfer["event_type"], transfer["status"], transfer["date_edtf"]) == (
        "CONCEDE",
        "planned",
        "2024-04-19/..",
    )


def test_like_interviews_are_coded_alike():
    events = by_id("events")
    # Both promise Russia's help (AGREE); the News.ru interview welcomes the talks (SUPPORT).
    assert events["galuzin-tass-interview-2024-06-05"]["event_type"] == "AGREE"
    assert events["galuzin-rbc-interview-2023-10"]["event_type"] == "AGREE"
    assert events["galuzin-news-ru-interview-2024-05"]["event_type"] == "SUPPORT"


def test_zheleznovodsk_declaration_was_signed_for_four_states():
    parties = {
        row["party_id"]: row["role"]
        for row in rows("agreement_parties")
        if row["agreement_id"] == "zheleznovodsk-declaration-1991"
    }
    assert parties == dict.fromkeys(("russia", "azerbaijan", "kazakhstan", "armenia"), "signatory")
    for state in parties:
        assert any(row["source_id"] == "pax-611" for row in evidence(f"zheleznovodsk-declaration-1991--{state}"))
    declaration = by_id("agreements")["zheleznovodsk-declaration-1991"]
    assert declaration["status"] == "signed"
    assert {source for _, _, source in dated("zheleznovodsk-declaration-1991", "status")} == {
        "pax-611",
        "wikipedia-zheleznovodsk-communique",
    }
    assert set(participants("zheleznovodsk-declaration-adoption-1991").values()) == {"source"}


def test_the_almaty_talks_date_has_its_evidence_in_both_articles():
    assert dated("almaty-talks-2024-05") == {
        ("2024-05-10/2024-05-11", ARMENPRESS, "On 10-11 May 2024"),
        ("2024-05-10/2024-05-11", TASS, "the May 10-11 meeting"),
    }


def test_every_date_has_evidence_for_that_date():
    for table in ("events", "agreements"):
        for row in rows(table):
            if row["date_edtf"]:
                values = {value for value, _, _ in dated(row[CURATED[table]])}
                start, _, end = row["date_edtf"].partition("/")
                bounds = {f"../{end}", f"{start}/.."} <= values
                assert row["date_edtf"] in values or bounds, row
    for row in rows("memberships"):
        assert row["attested_date"] in {value for value, _, _ in dated(row["membership_id"], "attested_date")}


def test_outside_sources_have_an_address_and_the_day_it_was_read_or_a_full_citation():
    for source in rows("sources"):
        assert bool(source["url"]) == bool(source["accessed_date"]), source
    iso = {row["source_id"]: row for row in rows("sources")}["iso-3166-2"]
    assert "pycountry" in iso["citation"] and "version" in iso["citation"]
    assert dated("cis", "name") == {("Commonwealth of Independent States", "", "report-az-2022-10-14")}


def test_stages_only_for_agreed_texts():
    agreements = by_id("agreements")
    assert agreements["armenia-azerbaijan-peace-agreement"]["status"] == "draft"
    assert agreements["armenia-azerbaijan-peace-agreement"]["stage"] == ""
    assert agreements["rail-communication-understanding-2023"]["stage"] == ""
    assert agreements["delimitation-provisional-agreement-2024-04"]["stage"] == "SubPar"


def test_facts_only_in_descriptions_before_are_events_now():
    events = by_id("events")
    agreed = events["ministers-agree-to-continue-negotiations-2024-05"]
    assert (agreed["event_type"], agreed["date_edtf"], agreed["place_id"]) == (
        "AGREE",
        "2024-05-10/2024-05-11",
        "almaty",
    )
    assert participants("ministers-agree-to-continue-negotiations-2024-05") == {
        "ararat-mirzoyan": "source",
        "jeyhun-bayramov": "source",
    }
    channels = events["russia-azerbaijan-talks-peacekeepers-presence"]
    assert (channels["event_type"], channels["status"], channels["date_edtf"]) == (
        "CONSULT",
        "planned",
        "2023-09-20/..",
    )
    assert participants("rail-understanding-reached-2023")["russia"] == "source"
    assert parties("rail-communication-understanding-2023") == {
        "armenia": "party",
        "azerbaijan": "party",
        "russia": "party",
        "tripartite-working-group": "party",
    }


def test_the_ministers_welcome_of_the_delimitation_progress_is_an_event_of_its_own():
    welcome = by_id("events")["ministers-welcome-delimitation-progress-2024-05"]
    assert (welcome["event_type"], welcome["date_edtf"], welcome["place_id"]) == (
        "SUPPORT",
        "2024-05-10/2024-05-11",
        "almaty",
    )
    assert participants("ministers-welcome-delimitation-progress-2024-05") == {
        "ararat-mirzoyan": "source",
        "jeyhun-bayramov": "source",
    }
    quotes = {row["quote"] for row in evidence("ministers-welcome-delimitation-progress-2024-05")}
    assert "the Ministers welcomed the progress on delimitation and agreements reached in this regard" in quotes
    # each fact once: the talks no longer cite the welcome, nor the agreement to continue negotiations
    talks = {row["quote"] for row in evidence("almaty-talks-2024-05")}
    assert not any("welcomed the progress" in q or "agreed to continue" in q for q in talks)
