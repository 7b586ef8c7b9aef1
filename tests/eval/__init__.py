"""Tests of the evaluation scripts in eval/."""
