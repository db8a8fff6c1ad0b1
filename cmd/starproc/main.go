// Command starproc runs a Python teaching script about processes the way
// CPython on Linux runs it: `starproc [-u] [-c CODE] SCRIPT [ARGS...]`.
// See package github.com/starproc/starproc for the runtime it drives.
package main

import (
	"os"

	"github.com/starproc/starproc"
)

func main() { os.Exit(starproc.Main(os.Args[1:])) }
