#!/usr/bin/env bash
# Builds the deployable Azure Functions folder (default artifacts/functionapp/, or the folder given): host.json, one
# folder per function from functionapp/, and the app published as a self-contained linux-x64 executable, compiled
# ReadyToRun so it starts without JIT work (the host waits 60 s; the target is 1 s). Zip the folder's contents for
# a zip deployment, or let `azd deploy` package it.
set -euo pipefail
cd "$(dirname "$0")/.."

out=${1:-artifacts/functionapp}
rm -rf "$out"
mkdir -p "$out"

# Its own artifacts path, so a build running beside it (the tests, another checkout) keeps its outputs.
dotnet publish functions/Workflow.App -c Release -r linux-x64 --self-contained \
  -p:PublishReadyToRun=true --artifacts-path "$out.build" -o "$out" --nologo -v quiet
rm -rf "$out.build"

cp host.json "$out/"
cp -r functionapp/. "$out/"
# host.json's defaultExecutablePath: the host runs it as is, so it must stay executable inside the zip.
chmod +x "$out/Workflow.App"
echo "deployable folder: $out ($(du -sh "$out" | cut -f1), $(find "$out" -name function.json | wc -l) functions)"
