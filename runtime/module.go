package runtime

import (
	"go.starlark.net/starlark"
	"go.starlark.net/starlarkstruct"
)

// A ModuleFunc builds the value of one importable module for one run. Most
// modules are immutable and shared (see Static); a module whose members
// depend on the run, such as sys.argv or os.environ, builds them from Of(thread).
type ModuleFunc func(thread *starlark.Thread) (starlark.Value, error)

// Static returns a ModuleFunc for a module value that is the same in every run.
func Static(m *starlarkstruct.Module) ModuleFunc {
	return func(*starlark.Thread) (starlark.Value, error) { return m, nil }
}
