#!/usr/bin/env bash
# Scaffolds one migration for every database provider: scripts/add-migration.sh <Name>
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh <MigrationName>}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  project=src/PartnerPortal.Migrations.$provider
  EfDesign=true dotnet build "$project" -nologo -v q
  EfDesign=true dotnet ef migrations add "$name" --project "$project" --startup-project "$project" --output-dir Migrations
done
