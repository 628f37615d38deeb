#!/usr/bin/env bash
# Regenerates every golden file of the baseline corpora (tests tagged Category=Baseline): the stage baselines of
# tests/PolicyLang.Baselines/Files/<Scenario>/, the diagnostic cases of tests/PolicyLang.Compiler.Tests/Cases and
# docs/diagnostics.md. Review the diff (git diff) before committing.
set -euo pipefail
cd "$(dirname "$0")/.."
export POLICYLANG_SET_BASELINE=1
dotnet test tests/PolicyLang.Baselines --filter Category=Baseline
dotnet test tests/PolicyLang.Compiler.Tests --filter "Category=Baseline|FullyQualifiedName~DiagnosticCatalogTests"
git status --short -- tests docs
