// Command tlog-interop checks the gateway's signed notes, witness cosignatures, Merkle proofs and
// tiles with other projects' Go code (golang.org/x/mod/sumdb/note, transparency-dev/formats,
// transparency-dev/merkle, filippo.io/torchwood), so the formats are proven compatible, not only
// self-consistent. It reads one JSON request on stdin and writes one JSON answer on stdout.
//
//	tlog-interop vectors   the transparency-dev/merkle RFC 6962 test vectors, with proofs
//	tlog-interop check     verify a checkpoint, its cosignatures and quorum, proofs and tiles
//	tlog-interop cosign    cosign a checkpoint as a torchwood witness would
package main

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"filippo.io/torchwood"
	fnote "github.com/transparency-dev/formats/note"
	"github.com/transparency-dev/formats/log"
	"github.com/transparency-dev/formats/witness"
	"github.com/transparency-dev/merkle/proof"
	"github.com/transparency-dev/merkle/rfc6962"
	"github.com/transparency-dev/merkle/testonly"
	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

type consistency struct {
	Size1 uint64   `json:"size1"`
	Size2 uint64   `json:"size2"`
	Root1 []byte   `json:"root1"`
	Root2 []byte   `json:"root2"`
	Proof [][]byte `json:"proof"`
}

type inclusion struct {
	Index    uint64   `json:"index"`
	Size     uint64   `json:"size"`
	LeafHash []byte   `json:"leaf_hash"`
	Proof    [][]byte `json:"proof"`
	Root     []byte   `json:"root"`
}

type checkRequest struct {
	Note        string        `json:"note"`
	LogVkey     string        `json:"log_vkey"`
	Origin      string        `json:"origin"`
	Witnesses   []string      `json:"witnesses"`
	Quorum      int           `json:"quorum"`
	Consistency []consistency `json:"consistency"`
	Inclusion   []inclusion   `json:"inclusion"`
	TilesDir    string        `json:"tiles_dir"`
}

type checkAnswer struct {
	Size      uint64   `json:"size"`
	Root      []byte   `json:"root"`
	Cosigners []string `json:"cosigners"`
	QuorumMet bool     `json:"quorum_met"`
	Entries   [][]byte `json:"entries"`
	Errors    []string `json:"errors"`
}

func main() {
	if len(os.Args) != 2 {
		fail("usage: tlog-interop vectors|check|cosign < request.json")
	}
	var out any
	switch os.Args[1] {
	case "vectors":
		out = vectors()
	case "check":
		var req checkRequest
		decode(&req)
		out = check(req)
	case "cosign":
		var req struct {
			Seed []byte `json:"seed"`
			Name string `json:"name"`
			Note string `json:"note"`
		}
		decode(&req)
		out = cosign(req.Seed, req.Name, req.Note)
	default:
		fail("unknown command " + os.Args[1])
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		fail(err.Error())
	}
}

func decode(v any) {
	if err := json.NewDecoder(os.Stdin).Decode(v); err != nil {
		fail("bad request: " + err.Error())
	}
}

func fail(msg string) {
	fmt.Fprintln(os.Stderr, "tlog-interop:", msg)
	os.Exit(2)
}

func vectors() map[string]any {
	tree := testonly.New(rfc6962.DefaultHasher)
	tree.AppendData(testonly.LeafInputs()...)
	n := tree.Size()
	var incl []inclusion
	var cons []consistency
	for size := uint64(1); size <= n; size++ {
		for i := uint64(0); i < size; i++ {
			p, _ := tree.InclusionProof(i, size)
			incl = append(incl, inclusion{i, size, tree.LeafHash(i), p, tree.HashAt(size)})
		}
		for s1 := uint64(1); s1 <= size; s1++ {
			p, _ := tree.ConsistencyProof(s1, size)
			cons = append(cons, consistency{s1, size, tree.HashAt(s1), tree.HashAt(size), p})
		}
	}
	return map[string]any{
		"leaf_inputs": testonly.LeafInputs(),
		"roots":       testonly.RootHashes(),
		"empty_root":  testonly.EmptyRootHash(),
		"inclusion":   incl,
		"consistency": cons,
	}
}

func check(req checkRequest) checkAnswer {
	ans := checkAnswer{Errors: []string{}, Cosigners: []string{}}
	errf := func(format string, args ...any) { ans.Errors = append(ans.Errors, fmt.Sprintf(format, args...)) }
	logV, err := note.NewVerifier(req.LogVkey)
	if err != nil {
		errf("log key: %v", err)
		return ans
	}
	var cosigVs []note.Verifier
	policy := ""
	var names []string
	for i, vkey := range req.Witnesses {
		v, err := fnote.NewVerifierForCosignatureV1(vkey)
		if err != nil {
			errf("witness key: %v", err)
			return ans
		}
		cosigVs = append(cosigVs, v)
		policy += fmt.Sprintf("witness w%d %s http://witness%d.invalid\n", i, vkey, i)
		names = append(names, fmt.Sprintf("w%d", i))
	}
	cp, _, n, err := log.ParseCheckpoint([]byte(req.Note), req.Origin, logV, cosigVs...)
	if err != nil {
		errf("checkpoint: %v", err)
	} else {
		ans.Size, ans.Root = cp.Size, cp.Hash
		for _, s := range n.Sigs {
			if s.Name != logV.Name() || s.Hash != logV.KeyHash() {
				ans.Cosigners = append(ans.Cosigners, s.Name)
			}
		}
		if len(names) > 0 {
			policy += fmt.Sprintf("group g %d %s\nquorum g\n", req.Quorum, strings.Join(names, " "))
			group, err := witness.ParsePolicy([]byte(policy))
			if err != nil {
				errf("witness policy: %v", err)
			} else {
				ans.QuorumMet = group.Satisfied([]byte(req.Note))
			}
		}
	}
	for _, c := range req.Consistency {
		if err := proof.VerifyConsistency(rfc6962.DefaultHasher, c.Size1, c.Size2, c.Proof, c.Root1, c.Root2); err != nil {
			errf("consistency %d->%d: %v", c.Size1, c.Size2, err)
		}
	}
	for _, i := range req.Inclusion {
		if err := proof.VerifyInclusion(rfc6962.DefaultHasher, i.Index, i.Size, i.LeafHash, i.Proof, i.Root); err != nil {
			errf("inclusion %d in %d: %v", i.Index, i.Size, err)
		}
	}
	if req.TilesDir != "" && cp != nil {
		entries, err := readTiles(req.TilesDir, cp)
		if err != nil {
			errf("tiles: %v", err)
		}
		ans.Entries = entries
	}
	return ans
}

// readTiles checks the hash tiles against the checkpoint's root and every entry against its leaf hash.
func readTiles(dir string, cp *log.Checkpoint) ([][]byte, error) {
	tree := tlog.Tree{N: int64(cp.Size)}
	copy(tree.Hash[:], cp.Hash)
	hr := torchwood.TileHashReaderWithContext(context.Background(), tree, dirTiles(dir))
	root, err := tlog.TreeHash(tree.N, hr)
	if err != nil {
		return nil, err
	}
	if root != tree.Hash {
		return nil, fmt.Errorf("the tiles hash to another root")
	}
	var entries [][]byte
	for start := int64(0); start < tree.N; start += torchwood.TileWidth {
		w := min(tree.N-start, torchwood.TileWidth)
		t := tlog.Tile{H: torchwood.TileHeight, L: -1, N: start / torchwood.TileWidth, W: int(w)}
		data, err := os.ReadFile(filepath.Join(dir, torchwood.TilePath(t)))
		if err != nil {
			return nil, err
		}
		for i := start; i < start+w; i++ {
			var entry []byte
			entry, data, err = torchwood.ReadTileEntry(data)
			if err != nil {
				return nil, err
			}
			leaf, err := hr.ReadHashes([]int64{tlog.StoredHashIndex(0, i)})
			if err != nil {
				return nil, err
			}
			if tlog.RecordHash(entry) != leaf[0] {
				return nil, fmt.Errorf("entry %d does not match its leaf hash", i)
			}
			entries = append(entries, entry)
		}
		if len(data) != 0 {
			return nil, fmt.Errorf("entry tile %d has trailing data", t.N)
		}
	}
	return entries, nil
}

type dirTiles string

func (d dirTiles) ReadTiles(_ context.Context, tiles []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(tiles))
	for i, t := range tiles {
		data, err := os.ReadFile(filepath.Join(string(d), torchwood.TilePath(t)))
		if err != nil {
			return nil, err
		}
		out[i] = data
	}
	return out, nil
}

func (d dirTiles) SaveTiles([]tlog.Tile, [][]byte) {}

func (d dirTiles) ReadEndpoint(_ context.Context, path string) ([]byte, error) {
	return os.ReadFile(filepath.Join(string(d), path))
}

func cosign(seed []byte, name, text string) map[string]string {
	if len(seed) != ed25519.SeedSize {
		fail("the seed must be 32 bytes")
	}
	s, err := torchwood.NewCosignatureSigner(name, ed25519.NewKeyFromSeed(seed))
	if err != nil {
		fail(err.Error())
	}
	signed, err := note.Sign(&note.Note{Text: text}, s)
	if err != nil {
		fail(err.Error())
	}
	return map[string]string{"vkey": s.Verifier().String(), "note": string(signed)}
}
