package starproc

import (
	"github.com/starproc/starproc/builtins/math"
	"github.com/starproc/starproc/builtins/multiprocessing"
	"github.com/starproc/starproc/builtins/os"
	"github.com/starproc/starproc/builtins/queue"
	"github.com/starproc/starproc/builtins/random"
	"github.com/starproc/starproc/builtins/signal"
	pystring "github.com/starproc/starproc/builtins/string"
	"github.com/starproc/starproc/builtins/subprocess"
	"github.com/starproc/starproc/builtins/sys"
	"github.com/starproc/starproc/builtins/time"
	"github.com/starproc/starproc/runtime"
)

// lookupModule returns how to build the module importable as name. This is
// the one list of starproc's modules: nothing registers itself.
func lookupModule(name string) (runtime.ModuleFunc, bool) {
	switch name {
	case "math":
		return runtime.Static(math.Module), true
	case "multiprocessing":
		return multiprocessing.New, true
	case "os":
		return os.New, true
	case "os.path":
		return runtime.Static(os.Path), true
	case "queue":
		return runtime.Static(queue.Module), true
	case "random":
		return runtime.Static(random.Module), true
	case "signal":
		return runtime.Static(signal.Module), true
	case "string":
		return runtime.Static(pystring.Module), true
	case "subprocess":
		return runtime.Static(subprocess.Module), true
	case "sys":
		return sys.New, true
	case "time":
		return runtime.Static(time.Module), true
	}
	return nil, false
}
