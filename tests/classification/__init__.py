"""Tests of personal-data classification: finders, engine, classifier, command line."""
