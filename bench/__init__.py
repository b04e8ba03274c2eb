"""Benchmarks: NLU accuracy on the held-out split and chat latency (see bench/README.md)."""
