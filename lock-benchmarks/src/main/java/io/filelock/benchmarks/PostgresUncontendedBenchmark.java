package io.filelock.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

import io.filelock.LockBackendKind;
import io.filelock.LockManager;
import io.filelock.PostgresSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * P4: one uncontended acquire and release, by the library with the postgres backend and by
 * the raw statements on one connection kept open: {@code pg_try_advisory_lock} (the
 * library's first attempt is the same) and {@code pg_advisory_unlock}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PostgresUncontendedBenchmark {

	private LockManager manager;

	private Connection connection;

	private PreparedStatement tryLock;

	private PreparedStatement unlock;

	@Setup(Level.Trial)
	public void setUp() throws SQLException {
		this.manager = Managers.build(LockManager.builder()
			.backend(LockBackendKind.POSTGRES)
			.postgres(PostgresSettings.of(BenchmarkPostgres.url(), BenchmarkPostgres.username(),
					BenchmarkPostgres.password())));
		this.connection = PostgresContenders.connect();
		long key = PostgresContenders.keyOf(this.connection, "raw");
		this.tryLock = this.connection.prepareStatement("SELECT pg_try_advisory_lock(?)");
		this.tryLock.setLong(1, key);
		this.unlock = this.connection.prepareStatement("SELECT pg_advisory_unlock(?)");
		this.unlock.setLong(1, key);
	}

	@TearDown(Level.Trial)
	public void tearDown() throws SQLException {
		this.connection.close();
	}

	@Benchmark
	public void library() {
		this.manager.acquire("library").close();
	}

	@Benchmark
	public boolean rawTryLockAndUnlock() throws SQLException {
		return execute(this.tryLock) & execute(this.unlock);
	}

	private static boolean execute(PreparedStatement statement) throws SQLException {
		try (ResultSet result = statement.executeQuery()) {
			result.next();
			return result.getBoolean(1);
		}
	}

}
