module portico.dev/bench/loadgen

go 1.26
