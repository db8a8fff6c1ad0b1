module github.com/starproc/starproc

go 1.26.8

require (
	github.com/google/go-cmp v0.7.0 // indirect
	go.starlark.net v0.0.0-20260908191801-89a6a09411d5 // indirect
	golang.org/x/sys v0.42.0 // indirect
)
