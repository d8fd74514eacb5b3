#!/usr/bin/env bash
# Builds the deployable zip of the Function App (default artifacts/functionapp.zip, or the path given): the isolated
# worker functions/Workflow.FunctionApp published for linux-x64, with host.json (the repository's), functions.metadata,
# extensions.json and worker.config.json at the zip's root, as the Functions host expects. Deploy it with
# `azd deploy workflow --from-package <zip>` or `az functionapp deployment source config-zip --src <zip>`; a plain
# `azd deploy` publishes the same project itself (azure.yaml).
#
# Framework-dependent, not self-contained: Flex Consumption's dotnet-isolated 10.0 stack (infra/modules/functionapp.bicep)
# brings the .NET 10 runtime and starts the worker with it, so bundling a runtime would only add ~70 MB to every
# download of the package at a cold start. ReadyToRun, so the worker's first invocation after a cold start does not
# wait for the JIT.
set -euo pipefail
cd "$(dirname "$0")/.."

zip_path=${1:-artifacts/functionapp.zip}
case "$zip_path" in /*) ;; *) zip_path="$PWD/$zip_path" ;; esac
folder="${zip_path%.zip}"
rm -rf "$folder" "$folder.build" "$zip_path"
mkdir -p "$folder"

# Its own artifacts path, so a build running beside it (the tests, another checkout) keeps its outputs.
dotnet publish functions/Workflow.FunctionApp -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  --artifacts-path "$folder.build" -o "$folder" --nologo -v quiet
rm -rf "$folder.build"

# The contents at the zip's root, hidden .azurefunctions/ included.
if command -v zip >/dev/null; then
  (cd "$folder" && zip -qr -X "$zip_path" .)
else
  (cd "$folder" && python3 - "$zip_path" <<'PY'
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as archive:
    for root, _, files in os.walk("."):
        for name in files:
            path = os.path.join(root, name)
            archive.write(path, os.path.relpath(path, "."))
PY
  )
fi
echo "deployable zip: $zip_path ($(du -h "$zip_path" | cut -f1))"
