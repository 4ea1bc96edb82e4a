# METADATA
# title: Residency
# description: >-
#   Decides which candidate inference nodes may serve a request, and on which transfer
#   basis, from the tenant's settings, the classification summary and the dated reference
#   data in sovgw/reference (EEA members, adequacy decisions, ISO 3166 codes).
#   Tenant settings can only narrow the defaults; a setting that widens them takes effect
#   only with a legal_basis, which the decision then records.
package sovgw.residency

import rego.v1

# METADATA
# title: Residency decision
# description: The single entry point the gateway queries.
# entrypoint: true
decision := {
	"allow": allow,
	"allowed_nodes": allowed_nodes,
	"obligations": obligations,
	"findings": findings,
	"legal_basis": legal_basis,
}

# METADATA
# title: Allow when at least one node may serve
default allow := false

allow if count(allowed_nodes) > 0

# METADATA
# title: Allowed nodes and their transfer basis
# description: A candidate is allowed when no check denies it; its value is the transfer basis.
allowed_nodes[n.id] := basis if {
	some n in input.candidates
	not n.id in _denied_nodes
	basis := _bases[n.id]
}

# METADATA
# title: Obligations the gateway must honour for this request
obligations := {
	"retention_class": object.get(_settings, "retention_class", "standard"),
	"data_category": category,
}

# METADATA
# title: Legal basis relied on
# description: The tenant's legal_basis, recorded only when a wider-than-default setting let a node serve.
default legal_basis := null

legal_basis := _settings.legal_basis if {
	_legal_basis_given
	_relies_on_legal_basis
}

# METADATA
# title: Effective data category
# description: A degraded or unrecognised classification counts as special-category data.
category := "special" if {
	input.classification.degraded == true
} else := input.classification.category if {
	input.classification.category in {"none", "personal", "special"}
} else := "special"

# METADATA
# title: Reasons, each with the rule that produced it
findings := (_node_denials | node_allowed) | _notes

_node_denials := ((((_attestation_denials | unknown_jurisdiction) | unhealthy_node) | outside_tenant_jurisdictions) | special_category_scope) | no_transfer_basis

_attestation_denials := (((unattested_node | attestation_not_appraised) | evidence_type_not_accepted) | model_digest_not_allowed) | measurement_not_allowed

_notes := ((((classification_degraded | data_category) | special_list_outside_eea) | special_list_needs_legal_basis) | no_candidates) | no_node_allowed

_denied_nodes contains f.node if some f in _node_denials

# --- checks that deny a node, whatever the data ---

# METADATA
# title: Unknown jurisdiction codes are never allowed
unknown_jurisdiction contains f if {
	some n in input.candidates
	not _known(n.jurisdiction)
	f := _node_finding("unknown_jurisdiction", n, "the jurisdiction code is not a known ISO 3166-1 code")
}

# METADATA
# title: Unhealthy nodes are never allowed
unhealthy_node contains f if {
	some n in input.candidates
	not n.healthy == true
	f := _node_finding("unhealthy_node", n, "the node is not healthy")
}

# METADATA
# title: Unattested nodes are never allowed where attestation is required
# description: >-
#   The tenant's require_attestation, or a data category listed in
#   sovgw/reference/attestation require_for_categories, requires fresh evidence the gateway verified.
unattested_node contains f if {
	_attestation_required
	some n in input.candidates
	not n.attested == true
	f := _node_finding("unattested_node", n, concat("", [_attestation_requirer, " and the node is not attested"]))
}

# METADATA
# title: Where attestation is required, the appraisal itself must show it
# description: >-
#   An attested flag proves nothing by itself: the node must carry the gateway's appraisal of its
#   evidence, fresh, naming its evidence type, from the operator the node is configured under.
attestation_not_appraised contains f if {
	_attestation_required
	some n in input.candidates
	n.attested == true
	not _appraisal_shows_attestation(n)
	f := _node_finding("attestation_not_appraised", n, concat("", [_attestation_requirer, " and ", _appraisal_gap(n)]))
}

# METADATA
# title: Only accepted evidence types count where attestation is required
# description: >-
#   The deployment's accepted_evidence_types (sovgw/reference/attestation; simulated evidence is
#   not among the shipped ones), narrowed by the tenant's attestation_types.
evidence_type_not_accepted contains f if {
	_attestation_required
	some n in input.candidates
	n.attested == true
	is_object(n.appraisal)
	not n.appraisal.evidence_type in _accepted_evidence_types
	f := _node_finding("evidence_type_not_accepted", n, concat("", [
		"its evidence type ", n.appraisal.evidence_type, " is not accepted (accepted: ",
		_list_or_nothing(_accepted_evidence_types), ")",
	]))
}

# METADATA
# title: Only the model weights the tenant allows
# description: With allowed_model_digests set, a node serves only if its verified descriptor names one of them.
model_digest_not_allowed contains f if {
	is_array(_settings.allowed_model_digests)
	some n in input.candidates
	not _model_digest_allowed(n)
	f := _node_finding("model_digest_not_allowed", n, _model_digest_detail(n))
}

# METADATA
# title: Only the launch measurements the deployment allows for the node's model
# description: >-
#   Where attestation is required, hardware evidence that proves a launch measurement (sev-snp)
#   counts only if sovgw/reference/attestation allowed_measurements lists that measurement under
#   the model weights digest the node's descriptor names: a genuine chip running another guest
#   image proves nothing about the model served.
measurement_not_allowed contains f if {
	_attestation_required
	some n in input.candidates
	n.attested == true
	is_object(n.appraisal)
	_measured(n)
	not _measurement_allowed(n)
	f := _node_finding("measurement_not_allowed", n, _measurement_detail(n))
}

# METADATA
# title: Only the tenant's allowed jurisdictions
outside_tenant_jurisdictions contains f if {
	some n in input.candidates
	not n.jurisdiction in _tenant_jurisdictions
	f := _node_finding("outside_tenant_jurisdictions", n, "not one of the tenant's allowed jurisdictions")
}

# --- checks that depend on the data category ---

# METADATA
# title: Special-category data stays in the home jurisdiction
# description: >-
#   Only the tenant's home jurisdiction, or the tenant's special_category_jurisdictions list;
#   never outside the EEA, and entries other than the home jurisdiction only with a legal basis.
special_category_scope contains f if {
	category == "special"
	some n in input.candidates
	not n.jurisdiction in _special_scope
	f := _node_finding("special_category_scope", n, concat("", [
		"special-category data may be processed only in ",
		_list_or_nothing(_special_scope),
	]))
}

# METADATA
# title: Personal data leaves the EEA only on an adequacy decision the tenant accepts
# description: >-
#   Applies to personal data and to requests where nothing was found (detection cannot prove
#   absence). With nothing found and a legal basis, any known jurisdiction the tenant allows.
no_transfer_basis contains f if {
	category != "special"
	some n in input.candidates
	not _bases[n.id]
	f := _node_finding("no_transfer_basis", n, concat("", ["outside the EEA and ", _no_basis_detail(n)]))
}

# --- what was allowed, and notes about the request ---

# METADATA
# title: Node may serve
node_allowed contains f if {
	some n in input.candidates
	basis := allowed_nodes[n.id]
	f := _node_finding("node_allowed", n, concat("", ["may serve, transfer basis ", basis]))
}

# METADATA
# title: Degraded classification counts as special category
classification_degraded contains f if {
	input.classification.degraded == true
	f := _finding("classification_degraded", "classification was degraded: treated as special-category data")
}

# METADATA
# title: Data category found by classification
data_category contains f if {
	f := _finding("data_category", concat("", ["data category: ", _category_detail]))
}

# METADATA
# title: Special-category data never leaves the EEA
special_list_outside_eea contains f if {
	category == "special"
	some j in _special_requested
	not _in_eea(j)
	f := _finding("special_list_outside_eea", concat("", [
		"special_category_jurisdictions lists ", j,
		", outside the EEA: ignored",
	]))
}

# METADATA
# title: Widening the special-category scope needs a legal basis
special_list_needs_legal_basis contains f if {
	category == "special"
	not _legal_basis_given
	some j in _special_requested
	_in_eea(j)
	j != _home
	f := _finding("special_list_needs_legal_basis", concat("", [
		"special_category_jurisdictions lists ", j,
		" beyond the home jurisdiction without a legal_basis: ignored",
	]))
}

# METADATA
# title: No candidate nodes
no_candidates contains f if {
	count(input.candidates) == 0
	f := _finding("no_candidates", "no candidate nodes were offered")
}

# METADATA
# title: Denied because no candidate may serve
no_node_allowed contains f if {
	count(input.candidates) > 0
	not allow
	f := _finding("no_node_allowed", "no candidate node may serve this request")
}

# --- helpers ---

# Strings are built with concat, not sprintf: the embedded engine (rego-cpp) quotes computed
# strings inside sprintf's %s, and both engines must give identical reasons.

_ref := data.sovgw.reference

_settings := object.get(input.tenant, "settings", {})

_home := input.tenant.home_jurisdiction

_tenant_jurisdictions := {j | some j in input.tenant.allowed_jurisdictions}

_in_eea(j) if j in _ref.eea.members

# Membership tests go straight to the arrays: building a 249-element set costs the embedded
# engine ~17 ms per evaluation.
_known(j) if j in _ref.jurisdictions.codes

_today := sprintf("%04d-%02d-%02d", time.date(time.now_ns()))

_attestation := object.get(_ref, "attestation", {})

_attestation_required if _settings.require_attestation == true

_attestation_required if category in object.get(_attestation, "require_for_categories", [])

_attestation_requirer := "the tenant requires attestation" if {
	_settings.require_attestation == true
} else := concat("", ["attestation is required for ", category, " data"])

_deployment_evidence_types := {t | some t in object.get(_attestation, "accepted_evidence_types", [])}

_accepted_evidence_types := {t |
	some t in _deployment_evidence_types
	t in _settings.attestation_types
} if {
	is_array(_settings.attestation_types)
} else := _deployment_evidence_types

_appraisal_shows_attestation(n) if {
	n.appraisal.fresh == true
	is_string(n.appraisal.evidence_type)
	n.appraisal.operator == n.operator
}

_appraisal_gap(n) := "the node carries no appraisal of its evidence" if {
	not is_object(object.get(n, "appraisal", null))
} else := "its evidence is not fresh" if {
	not n.appraisal.fresh == true
} else := "its appraisal names no evidence type" if {
	not is_string(n.appraisal.evidence_type)
} else := "its appraisal names another operator"

_model_digest_allowed(n) if n.appraisal.model_weights_digest in _settings.allowed_model_digests

_model_digest_detail(n) := "its model weights are not verified (no signed descriptor)" if {
	not is_object(object.get(n, "appraisal", null))
} else := concat("", ["its model weights ", n.appraisal.model_weights_digest, " are not among the tenant's allowed_model_digests"])

_measured(n) if is_string(object.get(n.appraisal, "measurement", null))

_measured(n) if n.appraisal.evidence_type == "sev-snp"

_measurement_allowed(n) if {
	n.appraisal.measurement in object.get(object.get(_attestation, "allowed_measurements", {}), n.appraisal.model_weights_digest, [])
}

_measurement_detail(n) := "its sev-snp evidence proves no launch measurement" if {
	not is_string(object.get(n.appraisal, "measurement", null))
} else := concat("", [
	"its launch measurement ", n.appraisal.measurement,
	" is not among the allowed_measurements for model weights ", n.appraisal.model_weights_digest,
])

_legal_basis_given if {
	is_string(_settings.legal_basis)
	_settings.legal_basis != ""
}

# The transfer basis for a node, if it has one (special-category scope is checked separately,
# and is inside the EEA, so special-category data is always intra-EEA).
# Each candidate's basis, computed once per decision (a rule is evaluated once; a function on
# every call).
_bases[n.id] := _basis(n) if some n in input.candidates

_basis(n) := "intra-EEA" if {
	_in_eea(n.jurisdiction)
} else := concat(":", ["adequacy", n.jurisdiction]) if {
	_settings.allow_adequacy_transfers == true
	_adequacy_applies(n)
} else := "none" if {
	category == "none"
	_legal_basis_given
	_known(n.jurisdiction)
}

_adequacy_for(jurisdiction) := d if {
	some d in _ref.adequacy.decisions
	d.country == jurisdiction
	d.adopted <= _today
	not _expired(d)
}

_expired(d) if d.valid_until < _today

_adequacy_applies(n) if _condition_met(_adequacy_for(n.jurisdiction), n)

_condition_met(d, _) if not d.condition

_condition_met(d, n) if {
	d.condition == "dpf_certified_operator"
	n.operator in _ref.adequacy.dpf_certified_operators
}

_no_basis_detail(n) := "no adequacy decision is in force there" if {
	not _adequacy_for(n.jurisdiction)
} else := concat("", ["the adequacy decision covers only ", d.scope, ", and the operator is not listed"]) if {
	d := _adequacy_for(n.jurisdiction)
	not _condition_met(d, n)
} else := "the tenant does not allow adequacy transfers"

_special_requested := {j | some j in _settings.special_category_jurisdictions} if {
	is_array(_settings.special_category_jurisdictions)
} else := {_home}

_special_scope contains j if {
	some j in _special_requested
	_in_eea(j)
	_special_entry_permitted(j)
}

_special_entry_permitted(j) if j == _home

_special_entry_permitted(j) if {
	j != _home
	_legal_basis_given
}

_relies_on_legal_basis if {
	some basis in allowed_nodes
	basis == "none"
}

_relies_on_legal_basis if {
	category == "special"
	some n in input.candidates
	allowed_nodes[n.id]
	n.jurisdiction != _home
}

_category_detail := concat("", ["special (", _list_or_nothing(_special_categories), ")"]) if {
	category == "special"
} else := concat("", ["personal (", _list_or_nothing(_entity_types), ")"]) if {
	category == "personal"
} else := "none found; detection cannot prove absence, so the EEA-only default applies unless a legal_basis widens it"

_special_categories := {c | some c in object.get(input.classification, "special_categories", [])}

_entity_types := object.keys(object.get(input.classification, "entities", {}))

_list_or_nothing(s) := concat(", ", sort([x | some x in s])) if count(s) > 0

_list_or_nothing(s) := "nothing" if count(s) == 0

_finding(rule, reason) := {"rule": rule, "reason": reason}

_node_finding(rule, n, text) := {
	"rule": rule,
	"node": n.id,
	"reason": concat("", ["node ", n.id, " (", n.jurisdiction, "): ", text]),
}
