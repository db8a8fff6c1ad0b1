package starproc

// Spares. Most of what starting a child costs is the start-up of a fresh
// process — exec, the Go runtime, package initialisation, and the first
// touch of every page of code the child runs — not the child's own work.
// So a process that starts children keeps spares: children already
// started, waiting on their pipes. A spare gets its parent's preamble at
// once (the script and the hub's address), compiles the script and warms
// its connection code while it waits, and so the child that takes it over
// begins at its replay. A spare whose pipe closes unused exits at once,
// silently.

import (
	"encoding/json"
	"os"
	"sync"
	"syscall"

	"github.com/starproc/starproc/runtime"
	"github.com/starproc/starproc/runtime/hub"
)

// maxSpares is how many spares a process keeps. One is enough: a start
// that finds its spare still starting waits for that one rather than
// starting another, and on a machine of two cores a second spare starting
// beside it only takes the core the starting child needs (measured with
// bench/process_start.py: no faster, and more wasted when the script ends).
const maxSpares = 1

// A spare is a child process started ahead of need.
type spare struct {
	pid int
	w   *os.File // its pipe; the preamble is written
}

// spareSet is a host's spares; the host's mu guards it.
type spareSet struct {
	ready    []*spare     // oldest first: the oldest is the most likely to be ready
	making   int          // spares being started
	made     *sync.Cond   // broadcast when a spare has been started, or failed to
	spares   map[int]bool // pids of spares not taken (os.wait skips them)
	noSpares bool         // the process is ending
}

// takeSpare returns a spare, if there is one, waiting for one that is being
// started: exec takes a millisecond or two, less than a fresh process
// would.
func (h *host) takeSpare() *spare {
	h.mu.Lock()
	defer h.mu.Unlock()
	for len(h.ready) == 0 && h.making > 0 {
		h.spareCond().Wait()
	}
	if len(h.ready) == 0 {
		return nil
	}
	sp := h.ready[0]
	h.ready = h.ready[1:]
	delete(h.spares, sp.pid)
	return sp
}

// spareCond returns the condition makeSpare broadcasts; h.mu must be held.
func (h *host) spareCond() *sync.Cond {
	if h.made == nil {
		h.made = sync.NewCond(&h.mu)
	}
	return h.made
}

// makeSpares starts spares until there are enough, ready or being started.
func (h *host) makeSpares(streams []*os.File) {
	for h.makeSpare(streams) {
	}
}

// makeSpare starts a spare unless there are enough; it reports whether it
// started one.
func (h *host) makeSpare(streams []*os.File) bool {
	h.mu.Lock()
	if len(h.ready)+h.making >= maxSpares || h.noSpares {
		h.mu.Unlock()
		return false
	}
	h.making++
	h.mu.Unlock()
	pid, w, err := h.launch(streams, nil, nil, nil)
	if err == nil {
		var pre []byte
		if pre, err = h.preamble(); err == nil {
			// Into the pipe's buffer, unless the script is larger than
			// that; then the spare is reading it.
			_, err = w.Write(pre)
		}
		if err != nil {
			w.Close()
		}
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.making--
	h.spareCond().Broadcast()
	if err != nil {
		return false
	}
	if h.noSpares {
		w.Close()
		endSpare(pid)
		return false
	}
	if h.spares == nil {
		h.spares = map[int]bool{}
	}
	h.ready = append(h.ready, &spare{pid: pid, w: w})
	h.spares[pid] = true
	return true
}

// isSpare reports whether pid is a spare child (os.wait must not count it).
func (h *host) isSpare(pid int) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.spares[pid]
}

// dropSpares ends the spares, as the process ends.
func (h *host) dropSpares() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.noSpares = true
	for h.making > 0 { // a spare being started is ended when it is
		h.spareCond().Wait()
	}
	for _, sp := range h.ready {
		sp.w.Close()
		endSpare(sp.pid)
		delete(h.spares, sp.pid)
	}
	h.ready = nil
}

// endSpare ends a spare that will not be used and reaps it, so that no
// process of the run outlives the process that made it: a spare left to
// notice its closed pipe by itself may still be starting, on a loaded
// machine, well after its parent has gone. It has done nothing a script
// could see.
func endSpare(pid int) {
	syscall.Kill(pid, syscall.SIGKILL)
	var ws syscall.WaitStatus
	for {
		if _, err := syscall.Wait4(pid, &ws, 0, nil); err != syscall.EINTR {
			return
		}
	}
}

// preamble returns what every child of this process reads first. The hub
// must be running.
func (h *host) preamble() ([]byte, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.pre == nil {
		b, err := json.Marshal(&payload{Script: h.state.Script, Source: h.source, Hub: h.addr, MaxProcs: h.maxProcs})
		if err != nil {
			return nil, err
		}
		h.pre = append(b, '\n')
	}
	return h.pre, nil
}

// warmUp is what a child does with its preamble before its payload comes:
// it compiles the script, on a scratch thread (what the compiler builds
// for `from m import *` is built again by the run, in order), and opens
// and closes a connection to the hub, which ignores a connection that says
// nothing, so that the code of both is in memory when the child needs it.
// A failure here is left for the run to meet and report.
func warmUp(p *payload) *compiled {
	if p.Hub != "" {
		hub.Touch(p.Hub)
	}
	s := runtime.NewState()
	s.Script, s.Argv = p.Script, []string{p.Script}
	pre, err := compileModule(NewThread(s), p.Script, p.Source)
	if err != nil {
		return nil
	}
	return pre
}
