#!/usr/bin/env bash
# Scaffolds one migration for every database provider: scripts/add-migration.sh <Name>
# No database is contacted: each provider's migrations project is its own design-time startup project.
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh <MigrationName>}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite Postgres SqlServer; do
  project=src/PartnerPortal.Migrations.$provider
  dotnet build "$project" -nologo -v q
  dotnet ef migrations add "$name" --project "$project" --startup-project "$project" --output-dir Migrations --no-build
done
