"""Evaluation harness: golden questions, retrieval and answer metrics, benchmarks."""
