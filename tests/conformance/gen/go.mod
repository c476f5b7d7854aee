module distrsecrets/conformance/gen

go 1.27
