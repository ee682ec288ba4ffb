using Microsoft.EntityFrameworkCore.Update;

namespace PartnerPortal.Data;

/// <summary>
/// SQLite's EF provider sends every change of a SaveChanges as a command of its own, so removing someone from 200
/// clients was 600 round trips. Microsoft.Data.Sqlite runs several statements in one command and reads their
/// results in turn, as SQL Server's provider does: changes go in batches of up to <see cref="DatabaseSetup.MaxBatchStatements"/>
/// statements, the same transaction and order as before.
/// </summary>
public sealed class SqliteBatchFactory(ModificationCommandBatchFactoryDependencies dependencies) : IModificationCommandBatchFactory
{
    public ModificationCommandBatch Create() => new Batch(dependencies);

    private sealed class Batch(ModificationCommandBatchFactoryDependencies dependencies) : AffectedCountModificationCommandBatch(dependencies, DatabaseSetup.MaxBatchStatements);
}
