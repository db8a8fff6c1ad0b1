// Package journal records the effects of a run: every result that came from
// outside the interpreter (the clock, random seeds, PIDs, fork results,
// subprocess results, queue reads). DESIGN.md's os.fork is a deterministic
// replay of this journal: a forked child re-executes the script and takes
// each effect's result from the journal instead of the world, until it
// reaches the fork point.
//
// Each entry is the effect's kind and its result encoded by value (package
// wire). Entries are appended to one byte buffer; past MemoryBudget bytes
// the buffer is moved to an unlinked temporary file, so a long loop of
// effects costs disk, not memory.
package journal

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"os"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime/wire"
)

// MemoryBudget is how many bytes of entries a journal keeps in memory
// before it moves them to its temporary file.
const MemoryBudget = 1 << 20

// Journal is the ordered record of a run's effects. The zero value is ready
// to use. It is not safe for concurrent use: one interpreter, one journal.
type Journal struct {
	buf     []byte
	spill   *os.File // entries moved out of memory, oldest first
	spilled int64
	n       int
}

// Len returns the number of effects recorded.
func (j *Journal) Len() int { return j.n }

// Size returns the number of bytes the journal holds, in memory and on disk.
func (j *Journal) Size() int64 { return j.spilled + int64(len(j.buf)) }

// MemorySize returns the number of bytes the journal holds in memory.
func (j *Journal) MemorySize() int { return cap(j.buf) }

// Record appends one effect of the given kind with its result.
func (j *Journal) Record(kind string, result starlark.Value) error {
	raw, err := wire.Encode(nil, result)
	if err != nil {
		return fmt.Errorf("journal: %s: %w", kind, err)
	}
	return j.RecordRaw(kind, raw)
}

// RecordRaw appends one effect whose result is already encoded.
func (j *Journal) RecordRaw(kind string, raw []byte) error {
	j.buf = binary.AppendUvarint(j.buf, uint64(len(kind)))
	j.buf = append(j.buf, kind...)
	j.buf = binary.AppendUvarint(j.buf, uint64(len(raw)))
	j.buf = append(j.buf, raw...)
	j.n++
	if len(j.buf) >= MemoryBudget {
		return j.flush()
	}
	return nil
}

func (j *Journal) flush() error {
	if j.spill == nil {
		f, err := os.CreateTemp("", "starproc-journal-*")
		if err != nil {
			return fmt.Errorf("journal: %w", err)
		}
		os.Remove(f.Name()) // unlinked: gone with the process
		j.spill = f
	}
	if _, err := j.spill.Write(j.buf); err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	j.spilled += int64(len(j.buf))
	j.buf = j.buf[:0]
	return nil
}

// WriteTo writes every entry, oldest first, to w.
func (j *Journal) WriteTo(w io.Writer) (int64, error) {
	var total int64
	if j.spill != nil {
		n, err := io.Copy(w, io.NewSectionReader(j.spill, 0, j.spilled))
		total += n
		if err != nil {
			return total, err
		}
	}
	n, err := w.Write(j.buf)
	return total + int64(n), err
}

// Close releases the journal's temporary file.
func (j *Journal) Close() error {
	if j.spill != nil {
		return j.spill.Close()
	}
	return nil
}

// A Reader reads the entries of a journal received from another process.
type Reader struct {
	r    io.Reader
	left int
	buf  []byte
}

// NewReader returns a reader of the first n entries of a journal's bytes.
func NewReader(r io.Reader, n int) *Reader {
	if _, ok := r.(io.ByteReader); !ok {
		r = bufio.NewReaderSize(r, 64<<10)
	}
	return &Reader{r: r, left: n}
}

// Remaining returns how many entries are left.
func (r *Reader) Remaining() int { return r.left }

// Next returns the next entry: its kind and its encoded result.
func (r *Reader) Next() (kind string, raw []byte, err error) {
	if r.left <= 0 {
		return "", nil, io.EOF
	}
	k, err := r.chunk()
	if err != nil {
		return "", nil, err
	}
	kind = string(k)
	raw, err = r.chunk()
	if err != nil {
		return "", nil, err
	}
	r.left--
	return kind, append([]byte(nil), raw...), nil
}

func (r *Reader) chunk() ([]byte, error) {
	n, err := binary.ReadUvarint(r.r.(io.ByteReader))
	if err != nil {
		return nil, fmt.Errorf("journal: truncated: %w", err)
	}
	if uint64(cap(r.buf)) < n {
		r.buf = make([]byte, n)
	}
	r.buf = r.buf[:n]
	if _, err := io.ReadFull(r.r, r.buf); err != nil {
		return nil, fmt.Errorf("journal: truncated: %w", err)
	}
	return r.buf, nil
}

// Snapshot returns the entries recorded so far, oldest first, as a reader
// that later records do not disturb: a child being started reads it while
// its parent goes on.
func (j *Journal) Snapshot() io.Reader {
	mem := bytes.NewReader(append([]byte(nil), j.buf...))
	if j.spill == nil {
		return mem
	}
	return io.MultiReader(io.NewSectionReader(j.spill, 0, j.spilled), mem)
}
