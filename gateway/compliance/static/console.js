// Re-check a record's inclusion proof in the browser (RFC 9162 2.1.3.2), with the browser's own
// SHA-256: the page does not ask to be believed. Needs a secure context (HTTPS or localhost).
"use strict";

function hexToBytes(hex) {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
  return out;
}

function bytesToHex(bytes) {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");
}

async function sha256(prefix, ...parts) {
  const size = 1 + parts.reduce((n, p) => n + p.length, 0);
  const buf = new Uint8Array(size);
  buf[0] = prefix;
  let at = 1;
  for (const p of parts) { buf.set(p, at); at += p.length; }
  return new Uint8Array(await crypto.subtle.digest("SHA-256", buf));
}

// A truthy value as Python reads one: an empty object or string counts as absent.
function present(v) {
  return v && (typeof v !== "object" || Object.keys(v).length > 0) ? v : null;
}

// The bytes the record's leaf hashes (audit/entries.py). Format 1: the record's bytes. Format 2:
// RFC 8785 JSON of the record's scope (its tenant hashed with the record's digest) and the SHA-256
// of its bytes; keys are inserted in sorted order, and JSON.stringify writes strings as RFC 8785 does.
async function entryOf(c) {
  const bytes = new TextEncoder().encode(c.canonical);
  if (c.format === 1) return bytes;
  const doc = JSON.parse(c.canonical);
  const request = present(doc.request) || {};
  const node = present(doc.node) || present(doc.served_by) || {};
  const tenant = present(request.tenant) || (present(doc.detail) || {}).tenant;
  const digest = bytesToHex(await crypto.subtle.digest("SHA-256", bytes));
  const hashed = tenant == null ? null
    : bytesToHex(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(digest + "\n" + tenant)));
  const entry = {
    record: digest,
    scope: { jurisdiction: node.jurisdiction ?? null, kind: doc.kind, recorded_at: doc.recorded_at, tenant: hashed },
    v: 2,
  };
  return new TextEncoder().encode(JSON.stringify(entry));
}

async function rootFromProof(leaf, index, size, proof) {
  let fn = index, sn = size - 1, r = leaf;
  for (const p of proof) {
    if (sn === 0) throw new Error("the proof is too long");
    if ((fn & 1) === 1 || fn === sn) {
      r = await sha256(1, p, r);
      if ((fn & 1) === 0) { while ((fn & 1) === 0 && fn !== 0) { fn >>= 1; sn >>= 1; } }
    } else {
      r = await sha256(1, r, p);
    }
    fn >>= 1; sn >>= 1;
  }
  if (sn !== 0) throw new Error("the proof is too short");
  return r;
}

async function checkProof() {
  const out = document.getElementById("browser-check");
  const data = document.getElementById("proof-data");
  if (!out || !data) return;
  const show = (state, text) => { out.dataset.state = state; out.textContent = text; out.className = "proof " + state; };
  if (!window.crypto || !crypto.subtle) { show("fail", "Your browser cannot check the proof here (no Web Crypto in this context)."); return; }
  const c = JSON.parse(data.textContent);
  if (c.size === null) { show("fail", "No signed checkpoint covers this record yet."); return; }
  try {
    const leaf = await sha256(0, await entryOf(c));
    if (bytesToHex(leaf) !== c.leaf) throw new Error("the record's bytes do not hash to its leaf");
    const root = await rootFromProof(leaf, c.seq, c.size, c.proof.map(hexToBytes));
    if (bytesToHex(root) !== c.root) throw new Error("the proof leads to a different root");
    show("ok", "Checked in your browser too: the record's bytes and the audit path give the checkpoint's root.");
  } catch (e) {
    show("fail", "Your browser could not confirm the proof: " + e.message + ".");
  }
}

document.addEventListener("DOMContentLoaded", checkProof);
