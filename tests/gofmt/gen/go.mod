module gofmtgen

go 1.27
