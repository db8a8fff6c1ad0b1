package starproc

import (
	"github.com/starproc/starproc/builtins/random"
	"github.com/starproc/starproc/runtime"
)

// lookupModule returns how to build the module importable as name. This is
// the one list of starproc's modules: nothing registers itself.
func lookupModule(name string) (runtime.ModuleFunc, bool) {
	switch name {
	case "random":
		return runtime.Static(random.Module), true
	}
	return nil, false
}
