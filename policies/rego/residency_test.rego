# METADATA
# title: Residency policy tests
# description: >-
#   One test per rule and edge. The inputs live in `cases` so the differential test in
#   tests/policy can run exactly these inputs through both engines.
package sovgw.residency_test

import rego.v1

import data.sovgw.residency

# --- inputs ---

_settings := {
	"allow_adequacy_transfers": false,
	"special_category_jurisdictions": null,
	"require_attestation": false,
	"legal_basis": null,
	"retention_class": "standard",
}

_tenant := {
	"id": "acme",
	"home_jurisdiction": "DE",
	"allowed_jurisdictions": ["DE", "FR", "CH", "US", "IN", "GB", "BR", "XX"],
	"settings": _settings,
}

_node(id, jurisdiction) := {
	"id": id,
	"operator": "Example Compute",
	"jurisdiction": jurisdiction,
	"healthy": true,
	"attested": true,
}

_appraised(id, evidence_type, weights) := object.union(_node(id, "DE"), {"appraisal": {
	"operator": "Example Compute", "registration_number": "HRB 1", "country": "DE", "site": "DC1, Berlin",
	"gpu_model": "NVIDIA H100", "evidence_type": evidence_type, "fresh": true,
	"model_weights_digest": weights, "tgi_image_digest": "sha256:img", "descriptor_sha256": "d",
}})

_measured(id, measurement) := object.union(_appraised(id, "sev-snp", "sha256:w1"), {"appraisal": {"measurement": measurement}})

# The launch measurements the tests' deployment allows for sev-snp nodes.
_allowed_measurements := {"sha256:w1": ["m1"], "sha256:w2": ["m2"]}

_appraised_nodes := [
	_appraised("de-tdx", "tdx", "sha256:w1"),
	_appraised("de-sim", "simulated", "sha256:w1"),
	object.union(_appraised("de-other-weights", "sev-snp", "sha256:w2"), {"appraisal": {"measurement": "m2"}}),
	_node("de-claim", "DE"),
]

_nodes := [
	_node("de-1", "DE"),
	_node("fr-1", "FR"),
	_node("ch-1", "CH"),
	_node("us-1", "US"),
	_node("in-1", "IN"),
	_node("gb-1", "GB"),
	_node("br-1", "BR"),
	_node("xx-1", "XX"),
]

_classification(category) := {
	"category": category,
	"entities": {"EMAIL_ADDRESS": 2},
	"field_kinds": {"EMAIL_ADDRESS": ["user_message"]},
	"special_categories": [],
	"max_score": 0.9,
	"languages": ["en"],
	"detector_version": "test",
	"recognizer_hash": "test",
	"degraded": false,
	"risk_signals": [],
}

_request := {"route": "/v1/chat/completions", "protocol": "openai", "model": "m", "stream": false}

_input(category, settings, candidates) := {
	"tenant": object.union(_tenant, {"settings": object.union(_settings, settings)}),
	"purpose": "support",
	"classification": _classification(category),
	"candidates": candidates,
	"request": _request,
}

cases := {
	"personal_default": _input("personal", {}, _nodes),
	"personal_adequacy": _input("personal", {"allow_adequacy_transfers": true}, _nodes),
	"special_home_only": object.union(
		_input("special", {}, _nodes),
		{"classification": {"special_categories": ["health"], "entities": {"HEALTH_TERM": 1}}},
	),
	"special_list_without_basis": _input("special", {"special_category_jurisdictions": ["DE", "FR"]}, _nodes),
	"special_list_with_basis": _input(
		"special",
		{"special_category_jurisdictions": ["FR", "CH"], "legal_basis": "DPA-2026-17", "allow_adequacy_transfers": true},
		_nodes,
	),
	"special_home_outside_eea": object.union(
		_input("special", {}, _nodes),
		{"tenant": {"home_jurisdiction": "CH"}},
	),
	"degraded_personal": object.union(_input("personal", {}, _nodes), {"classification": {"degraded": true}}),
	"degraded_none": object.union(_input("none", {}, _nodes), {"classification": {"degraded": true}}),
	"unknown_category": _input("secret", {}, _nodes),
	"none_default": _input("none", {}, _nodes),
	"none_adequacy": _input("none", {"allow_adequacy_transfers": true}, _nodes),
	"none_with_basis": _input("none", {"legal_basis": "SCC-2021/914 module 2"}, _nodes),
	"personal_with_basis": _input("personal", {"legal_basis": "SCC-2021/914 module 2"}, _nodes),
	"unhealthy": _input("personal", {}, [_node("de-1", "DE"), object.union(_node("fr-1", "FR"), {"healthy": false})]),
	"attestation_required": _input(
		"personal", {"require_attestation": true},
		[_appraised("de-1", "tdx", "sha256:w1"), object.union(_node("fr-1", "FR"), {"attested": false})],
	),
	"attestation_appraisal_gaps": _input(
		"personal", {"require_attestation": true},
		[
			_appraised("de-tdx", "tdx", "sha256:w1"),
			object.union(_appraised("de-stale", "tdx", "sha256:w1"), {"appraisal": {"fresh": false}}),
			object.union(_appraised("de-untyped", "tdx", "sha256:w1"), {"appraisal": {"evidence_type": null}}),
			object.union(_appraised("de-foreign", "tdx", "sha256:w1"), {"appraisal": {"operator": "Other Compute"}}),
			_node("de-claim", "DE"),
		],
	),
	"attestation_not_required": _input(
		"personal", {},
		[object.union(_node("fr-1", "FR"), {"attested": false})],
	),
	"attestation_evidence_types": _input("personal", {"require_attestation": true}, _appraised_nodes),
	"attestation_tenant_types": _input(
		"personal", {"require_attestation": true, "attestation_types": ["sev-snp"]},
		_appraised_nodes,
	),
	"attestation_not_required_any_type": _input("personal", {}, _appraised_nodes),
	"model_digests": _input("personal", {"allowed_model_digests": ["sha256:w1"]}, _appraised_nodes),
	"attestation_measurements": _input(
		"personal", {"require_attestation": true},
		[
			_measured("de-m1", "m1"),
			_measured("de-m2", "m2"),
			_measured("de-unmeasured", null),
			object.union(_measured("de-w2", "m1"), {"appraisal": {"model_weights_digest": "sha256:w2"}}),
		],
	),
	"attestation_for_special": object.union(
		_input("special", {}, [_appraised("de-tdx", "tdx", "sha256:w1"), object.union(_node("de-1", "DE"), {"attested": false})]),
		{"tenant": {"home_jurisdiction": "DE"}},
	),
	"narrow_tenant": object.union(
		_input("personal", {}, _nodes),
		{"tenant": {"allowed_jurisdictions": ["FR"]}},
	),
	"no_candidates": _input("personal", {}, []),
	"retention": _input("personal", {"retention_class": "legal-hold-10y"}, [_node("de-1", "DE")]),
	"settings_missing": {
		"tenant": object.remove(_tenant, ["settings"]),
		"purpose": "support",
		"classification": _classification("personal"),
		"candidates": [_node("de-1", "DE"), _node("ch-1", "CH")],
		"request": _request,
	},
}

_ns_2032 := 1956528000000000000 # 2032-01-01, after the UK decision's valid_until

_ns_2025 := 1748736000000000000 # 2025-06-01, before the Brazil decision was adopted

_decide(name) := d if {
	d := residency.decision with input as cases[name]
}

_rules_for(d, node) := {f.rule | some f in d.findings; f.node == node}

_rules(d) := {f.rule | some f in d.findings}

# --- personal data ---

test_personal_data_stays_in_the_eea_by_default if {
	d := _decide("personal_default")
	d.allow
	d.allowed_nodes == {"de-1": "intra-EEA", "fr-1": "intra-EEA"}
	"no_transfer_basis" in _rules_for(d, "ch-1")
	d.legal_basis == null
}

test_personal_data_reaches_adequacy_countries_the_tenant_accepts if {
	d := _decide("personal_adequacy")
	d.allowed_nodes == {
		"de-1": "intra-EEA", "fr-1": "intra-EEA", "ch-1": "adequacy:CH",
		"gb-1": "adequacy:GB", "br-1": "adequacy:BR",
	}
	d.legal_basis == null
}

test_us_needs_a_dpf_certified_operator if {
	d := _decide("personal_adequacy")
	not d.allowed_nodes["us-1"]
	some f in d.findings
	f.node == "us-1"
	contains(f.reason, "Data Privacy Framework")
}

test_us_allowed_when_operator_is_dpf_certified if {
	d := residency.decision with input as cases.personal_adequacy
		with data.sovgw.reference.adequacy.dpf_certified_operators as ["Example Compute"]
	d.allowed_nodes["us-1"] == "adequacy:US"
}

test_adequacy_not_accepted_explains_why if {
	d := _decide("personal_default")
	some f in d.findings
	f.node == "ch-1"
	contains(f.reason, "does not allow adequacy transfers")
}

test_expired_adequacy_decision_no_longer_applies if {
	d := residency.decision with input as cases.personal_adequacy with time.now_ns as _ns_2032
	not d.allowed_nodes["gb-1"]
	d.allowed_nodes["ch-1"] == "adequacy:CH"
}

test_adequacy_decision_applies_only_from_adoption if {
	d := residency.decision with input as cases.personal_adequacy with time.now_ns as _ns_2025
	not d.allowed_nodes["br-1"]
	d.allowed_nodes["gb-1"] == "adequacy:GB"
}

test_non_adequate_country_never_for_personal_data if {
	d := _decide("personal_with_basis")
	not d.allowed_nodes["in-1"]
	"no_transfer_basis" in _rules_for(d, "in-1")
	d.legal_basis == null
}

# --- special-category data ---

test_special_category_only_in_home_jurisdiction if {
	d := _decide("special_home_only")
	d.allowed_nodes == {"de-1": "intra-EEA"}
	"special_category_scope" in _rules_for(d, "fr-1")
	some f in d.findings
	f.rule == "data_category"
	f.reason == "data category: special (health)"
}

test_special_list_beyond_home_needs_legal_basis if {
	d := _decide("special_list_without_basis")
	d.allowed_nodes == {"de-1": "intra-EEA"}
	"special_list_needs_legal_basis" in _rules(d)
	d.legal_basis == null
}

test_special_list_with_legal_basis_is_recorded if {
	d := _decide("special_list_with_basis")
	d.allowed_nodes == {"fr-1": "intra-EEA"}
	d.legal_basis == "DPA-2026-17"
}

test_special_category_never_leaves_the_eea if {
	d := _decide("special_list_with_basis")
	not d.allowed_nodes["ch-1"]
	"special_list_outside_eea" in _rules(d)
}

test_special_category_with_home_outside_eea_goes_nowhere if {
	d := _decide("special_home_outside_eea")
	not d.allow
	d.allowed_nodes == {}
	some f in d.findings
	f.node == "ch-1"
	contains(f.reason, "only in nothing")
}

test_degraded_classification_counts_as_special if {
	d := _decide("degraded_personal")
	d.allowed_nodes == {"de-1": "intra-EEA"}
	d.obligations.data_category == "special"
	"classification_degraded" in _rules(d)
}

test_degraded_none_counts_as_special if {
	d := _decide("degraded_none")
	d.allowed_nodes == {"de-1": "intra-EEA"}
}

test_unknown_category_counts_as_special if {
	d := _decide("unknown_category")
	d.obligations.data_category == "special"
	d.allowed_nodes == {"de-1": "intra-EEA"}
}

# --- nothing found ---

test_nothing_found_is_eea_only_by_default if {
	d := _decide("none_default")
	d.allowed_nodes == {"de-1": "intra-EEA", "fr-1": "intra-EEA"}
	some f in d.findings
	f.rule == "data_category"
	contains(f.reason, "cannot prove absence")
}

test_nothing_found_uses_adequacy_when_accepted if {
	d := _decide("none_adequacy")
	d.allowed_nodes["ch-1"] == "adequacy:CH"
	not d.allowed_nodes["in-1"]
}

test_nothing_found_with_legal_basis_reaches_the_tenant_set if {
	d := _decide("none_with_basis")
	d.allowed_nodes == {
		"de-1": "intra-EEA", "fr-1": "intra-EEA", "ch-1": "none", "us-1": "none",
		"in-1": "none", "gb-1": "none", "br-1": "none",
	}
	d.legal_basis == "SCC-2021/914 module 2"
}

# --- nodes ---

test_unknown_jurisdiction_never_even_with_legal_basis if {
	d := _decide("none_with_basis")
	not d.allowed_nodes["xx-1"]
	"unknown_jurisdiction" in _rules_for(d, "xx-1")
}

test_unhealthy_node_never if {
	d := _decide("unhealthy")
	d.allowed_nodes == {"de-1": "intra-EEA"}
	"unhealthy_node" in _rules_for(d, "fr-1")
}

test_unattested_node_denied_when_tenant_requires_attestation if {
	d := _decide("attestation_required")
	d.allowed_nodes == {"de-1": "intra-EEA"}
	"unattested_node" in _rules_for(d, "fr-1")
}

test_unattested_node_allowed_when_not_required if {
	d := _decide("attestation_not_required")
	d.allowed_nodes == {"fr-1": "intra-EEA"}
}

test_tenant_may_be_stricter if {
	d := _decide("narrow_tenant")
	d.allowed_nodes == {"fr-1": "intra-EEA"}
	"outside_tenant_jurisdictions" in _rules_for(d, "de-1")
}

test_no_candidates_is_a_denial if {
	d := _decide("no_candidates")
	not d.allow
	_rules(d) == {"no_candidates", "data_category"}
}

test_denial_says_no_node_may_serve if {
	d := _decide("special_home_outside_eea")
	"no_node_allowed" in _rules(d)
}

test_every_excluded_node_has_a_reason if {
	d := _decide("personal_default")
	every n in cases.personal_default.candidates {
		count(_rules_for(d, n.id)) > 0
	}
}

# --- obligations and defaults ---

test_retention_class_becomes_an_obligation if {
	d := _decide("retention")
	d.obligations == {"retention_class": "legal-hold-10y", "data_category": "personal"}
}

test_missing_settings_fall_back_to_the_strict_defaults if {
	d := _decide("settings_missing")
	d.allowed_nodes == {"de-1": "intra-EEA"}
	d.obligations.retention_class == "standard"
}

test_reasons_name_entity_types_not_values if {
	d := _decide("personal_default")
	some f in d.findings
	f.reason == "data category: personal (EMAIL_ADDRESS)"
}

test_reference_data_is_dated if {
	data.sovgw.reference.eea.as_of
	data.sovgw.reference.adequacy.as_of
	data.sovgw.reference.jurisdictions.as_of
	count(data.sovgw.reference.eea.members) == 30
	every j in data.sovgw.reference.eea.members {
		j in data.sovgw.reference.jurisdictions.codes
	}
}

# --- attestation ---

test_only_accepted_evidence_types_serve_where_attestation_is_required if {
	d := residency.decision with input as cases.attestation_evidence_types
		with data.sovgw.reference.attestation.allowed_measurements as _allowed_measurements
	d.allowed_nodes == {"de-tdx": "intra-EEA", "de-other-weights": "intra-EEA"}
	some f in d.findings
	f.rule == "evidence_type_not_accepted"
	f.reason == "node de-sim (DE): its evidence type simulated is not accepted (accepted: nvidia-cc, sev-snp, tdx)"
}

test_an_attested_flag_without_an_appraisal_proves_nothing if {
	d := _decide("attestation_appraisal_gaps")
	d.allowed_nodes == {"de-tdx": "intra-EEA"}
	reasons := {f.node: f.reason | some f in d.findings; f.rule == "attestation_not_appraised"}
	reasons == {
		"de-claim": "node de-claim (DE): the tenant requires attestation and the node carries no appraisal of its evidence",
		"de-stale": "node de-stale (DE): the tenant requires attestation and its evidence is not fresh",
		"de-untyped": "node de-untyped (DE): the tenant requires attestation and its appraisal names no evidence type",
		"de-foreign": "node de-foreign (DE): the tenant requires attestation and its appraisal names another operator",
	}
}

test_an_appraisal_gap_does_not_matter_without_a_requirement if {
	d := residency.decision with input as object.union(cases.attestation_appraisal_gaps, {"tenant": {"settings": {"require_attestation": false}}})
	count(d.allowed_nodes) == 5
	not "attestation_not_appraised" in _rules(d)
}

test_a_data_category_requirement_also_needs_the_appraisal if {
	d := residency.decision with input as object.union(cases.attestation_appraisal_gaps, {"tenant": {"settings": {"require_attestation": false}}})
		with data.sovgw.reference.attestation.require_for_categories as ["personal"]
	d.allowed_nodes == {"de-tdx": "intra-EEA"}
	some f in d.findings
	f.reason == "node de-claim (DE): attestation is required for personal data and the node carries no appraisal of its evidence"
}

test_a_deployment_may_accept_simulated_evidence if {
	d := residency.decision with input as cases.attestation_evidence_types
		with data.sovgw.reference.attestation.accepted_evidence_types as ["simulated"]
	d.allowed_nodes == {"de-sim": "intra-EEA"}
}

test_without_accepted_evidence_types_no_evidence_type_is_accepted if {
	d := residency.decision with input as cases.attestation_evidence_types
		with data.sovgw.reference.attestation.accepted_evidence_types as []
	d.allowed_nodes == {}
}

test_a_tenant_narrows_the_evidence_types if {
	d := residency.decision with input as cases.attestation_tenant_types
		with data.sovgw.reference.attestation.allowed_measurements as _allowed_measurements
	d.allowed_nodes == {"de-other-weights": "intra-EEA"}
	some f in d.findings
	f.node == "de-tdx"
	f.reason == "node de-tdx (DE): its evidence type tdx is not accepted (accepted: sev-snp)"
}

test_evidence_types_do_not_matter_without_a_requirement if {
	d := _decide("attestation_not_required_any_type")
	count(d.allowed_nodes) == 4
	not "evidence_type_not_accepted" in _rules(d)
}

test_only_allowed_launch_measurements_serve_where_attestation_is_required if {
	d := residency.decision with input as cases.attestation_measurements
		with data.sovgw.reference.attestation.allowed_measurements as _allowed_measurements
	d.allowed_nodes == {"de-m1": "intra-EEA"}
	reasons := {f.node: f.reason | some f in d.findings; f.rule == "measurement_not_allowed"}
	reasons == {
		"de-m2": "node de-m2 (DE): its launch measurement m2 is not among the allowed_measurements for model weights sha256:w1",
		"de-unmeasured": "node de-unmeasured (DE): its sev-snp evidence proves no launch measurement",
		"de-w2": "node de-w2 (DE): its launch measurement m1 is not among the allowed_measurements for model weights sha256:w2",
	}
}

test_the_shipped_data_allows_no_launch_measurement if {
	d := _decide("attestation_measurements")
	d.allowed_nodes == {}
	count([f | some f in d.findings; f.rule == "measurement_not_allowed"]) == 4
}

test_a_wrong_measurement_does_not_matter_without_a_requirement if {
	d := residency.decision with input as cases.attestation_measurements
		with input.tenant.settings.require_attestation as false
	count(d.allowed_nodes) == 4
	not "measurement_not_allowed" in _rules(d)
}

test_only_allowed_model_weights_serve if {
	d := _decide("model_digests")
	d.allowed_nodes == {"de-tdx": "intra-EEA", "de-sim": "intra-EEA"}
	some f in d.findings
	f.node == "de-other-weights"
	f.reason == "node de-other-weights (DE): its model weights sha256:w2 are not among the tenant's allowed_model_digests"
	some g in d.findings
	g.node == "de-claim"
	g.reason == "node de-claim (DE): its model weights are not verified (no signed descriptor)"
}

test_a_data_category_can_require_attestation if {
	d := residency.decision with input as cases.attestation_for_special
		with data.sovgw.reference.attestation.require_for_categories as ["special"]
	d.allowed_nodes == {"de-tdx": "intra-EEA"}
	some f in d.findings
	f.reason == "node de-1 (DE): attestation is required for special data and the node is not attested"
}

test_a_data_category_requires_nothing_unless_listed if {
	d := _decide("attestation_for_special")
	d.allowed_nodes == {"de-tdx": "intra-EEA", "de-1": "intra-EEA"}
}
