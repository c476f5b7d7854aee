module distrsecrets/benchmarks/gorender

go 1.27
