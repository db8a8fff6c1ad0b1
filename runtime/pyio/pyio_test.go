package pyio_test

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"

	"go.starlark.net/starlark"

	"github.com/starproc/starproc/runtime/pyfmt"
	"github.com/starproc/starproc/runtime/pyio"
)

func TestEveryReadIsJournaled(t *testing.T) {
	src := `
f = open('x', 'w')
f.write('a\nb\nc\n')
f.close()
f = open('x')
f.readline()
for line in f:
    pass
f.close()
open('x').read()
open('x').readlines()
open('x', 'rb').read(1)
`
	st, _, err := runScript(t, src, "")
	if err != "" {
		t.Fatal(err)
	}
	// 1 write; readline + 2 lines + the EOF of the loop; read; readlines; read.
	if got, want := st.Journal.Len(), 1+4+3; got != want {
		t.Errorf("journal has %d effects, want %d", got, want)
	}
}

// countingWriter counts Write calls, to prove no write is split or buffered.
type countingWriter struct {
	strings.Builder
	writes int
}

func (w *countingWriter) Write(p []byte) (int, error) {
	w.writes++
	return w.Builder.Write(p)
}

func TestEachWriteIsOneWriteCall(t *testing.T) {
	var w countingWriter
	f := pyio.Stdout(&w)
	thread := new(starlark.Thread)
	write, _ := f.Attr("write")
	for _, s := range []string{"hello\n", strings.Repeat("x", 100000) + "\n", "é\n"} {
		n, err := starlark.Call(thread, write, starlark.Tuple{starlark.String(s)}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := n.(starlark.Int).String(); got != fmt.Sprint(len([]rune(s))) {
			t.Errorf("write returned %s, want %d", got, len([]rune(s)))
		}
	}
	writelines, _ := f.Attr("writelines")
	if _, err := starlark.Call(thread, writelines, starlark.Tuple{starlark.NewList([]starlark.Value{starlark.String("a"), starlark.String("b\n")})}, nil); err != nil {
		t.Fatal(err)
	}
	if w.writes != 4 {
		t.Errorf("%d Write calls, want 4", w.writes)
	}
	if !strings.HasSuffix(w.String(), "é\nab\n") {
		t.Errorf("output ends %q", w.String()[len(w.String())-8:])
	}
}

func TestStandardStreams(t *testing.T) {
	var out strings.Builder
	for _, c := range []struct {
		f    *pyio.File
		repr string
	}{
		{pyio.Stdout(&out), "<_io.TextIOWrapper name='<stdout>' mode='w' encoding='utf-8'>"},
		{pyio.Stderr(&out), "<_io.TextIOWrapper name='<stderr>' mode='w' encoding='utf-8'>"},
		{pyio.Stdin(strings.NewReader("")), "<_io.TextIOWrapper name='<stdin>' mode='r' encoding='utf-8'>"},
	} {
		if got := pyfmt.Repr(c.f); got != c.repr {
			t.Errorf("repr = %s, want %s", got, c.repr)
		}
		if c.f.File() != nil {
			t.Errorf("%s: File() of a non-file stream is not nil", c.repr)
		}
	}
	f := pyio.Stdout(os.Stdout)
	if f.File() != os.Stdout {
		t.Errorf("File() does not return the *os.File")
	}
	fileno, _ := f.Attr("fileno")
	if n, err := starlark.Call(new(starlark.Thread), fileno, nil, nil); err != nil || n.String() != "1" {
		t.Errorf("stdout fileno() = %v, %v", n, err)
	}
	fileno, _ = pyio.Stdout(&out).Attr("fileno")
	if _, err := starlark.Call(new(starlark.Thread), fileno, nil, nil); pyErrorText(err) != "io.UnsupportedOperation: fileno" {
		t.Errorf("fileno() of a buffer: %v", err)
	}
}

func TestStdinLines(t *testing.T) {
	in := pyio.Stdin(strings.NewReader("one\r\ntwo\nthree"))
	var got []string
	iter := in.Iterate()
	defer iter.Done()
	var v starlark.Value
	for iter.Next(&v) {
		got = append(got, string(v.(starlark.String)))
	}
	if want := []string{"one\n", "two\n", "three"}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("lines = %q, want %q", got, want)
	}
}

func TestIteratingClosedFileStopsTheRun(t *testing.T) {
	_, out, err := runScript(t, "f = open('x', 'w')\nf.close()\nfor line in f:\n    print('never')\nprint('after')\n", "")
	if out != "" || err != "ValueError: I/O operation on closed file." {
		t.Errorf("stdout %q, error %q", out, err)
	}
}

func TestPipeByFileDescriptor(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	src := fmt.Sprintf(`
w = open(%d, 'w', closefd=False)
print(w.write('hi\n'), w.fileno() == %d)
w.close()
r = open(%d, 'rb', closefd=False)
print(r.readline(), r.seekable())
print(repr(r))
r.tell()
`, w.Fd(), w.Fd(), r.Fd())
	_, out, perr := runScript(t, src, "")
	want := "3 True\nb'hi\\n' False\n" + fmt.Sprintf("<_io.BufferedReader name=%d>\n", r.Fd())
	if out != want || perr != "OSError: [Errno 29] Illegal seek" {
		t.Errorf("stdout:\n%s\nerror %q", out, perr)
	}
	// closefd=False left both descriptors open.
	if _, err := w.Write([]byte("x")); err != nil {
		t.Errorf("write end closed: %v", err)
	}
}

func TestOpenResolvesAgainstStateCwd(t *testing.T) {
	st, _, err := runScript(t, "open('here.txt', 'w').write('x')\n", "")
	if err != "" {
		t.Fatal(err)
	}
	if b, rerr := os.ReadFile(st.Cwd + "/here.txt"); rerr != nil || string(b) != "x" {
		t.Errorf("file in Cwd: %q, %v", b, rerr)
	}
}

func TestSharedBufferedStdinIsNotBufferedTwice(t *testing.T) {
	br := bufio.NewReader(strings.NewReader("first\nsecond\n"))
	in := pyio.Stdin(br)
	readline, _ := in.Attr("readline")
	v, err := starlark.Call(new(starlark.Thread), readline, nil, nil)
	if err != nil || v != starlark.String("first\n") {
		t.Fatalf("readline = %v, %v", v, err)
	}
	// Another reader of the same *bufio.Reader (input()) gets the next line.
	if rest, _ := br.ReadString('\n'); rest != "second\n" {
		t.Errorf("the shared reader lost data: next line %q", rest)
	}
}
