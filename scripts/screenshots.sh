#!/usr/bin/env bash
# Takes the README's pictures anew from the browser tests (Chromium, demo world): docs/images/*.png.
# Run after a change to the pages, then commit the images. Needs what scripts/test.sh installs.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p docs/images
dotnet build tests/PartnerPortal.Browser.Tests -c Release -nologo -v quiet
PARTNERPORTAL_DOCS_IMAGES="$(pwd)/docs/images" dotnet test tests/PartnerPortal.Browser.Tests -c Release --no-build --nologo
ls -l docs/images
