package io.filelock.annotation;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import io.filelock.FileLocked;
import io.filelock.LockManager;
import io.filelock.LockMode;
import io.filelock.autoconfigure.FileLockAutoConfiguration;
import io.filelock.engine.DefaultLockManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lock is taken outside {@code @Transactional} by default, so that it is still held
 * when the transaction commits: the next holder then reads what this one wrote. Proven
 * with a real transaction manager on an embedded H2 database.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TransactionOrderingTests {

	@TempDir
	Path directory;

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, FileLockAutoConfiguration.class))
			.withUserConfiguration(LedgerConfiguration.class)
			.withPropertyValues("file-lock.directory=" + this.directory);
	}

	@Test
	void byDefaultTheLockIsHeldUntilAfterTheCommit() {
		contextRunner().withUserConfiguration(DefaultTransactionOrder.class).run((context) -> {
			Ledger ledger = context.getBean(Ledger.class);
			Posting posting = ledger.post(100);
			assertThat(posting.inTransaction()).isTrue();
			assertThat(posting.committed()).isTrue();
			assertThat(posting.lockHeldAfterCommit()).isTrue();
			assertThat(ledger.total()).isEqualTo(100);
		});
	}

	@Test
	void aspectOrderAfterTheTransactionAdvisorReleasesTheLockBeforeTheCommit() {
		contextRunner().withUserConfiguration(EarlyTransactionOrder.class)
			.withPropertyValues("file-lock.aspect-order=100")
			.run((context) -> {
				Posting posting = context.getBean(Ledger.class).post(100);
				assertThat(posting.inTransaction()).isTrue();
				assertThat(posting.committed()).isTrue();
				assertThat(posting.lockHeldAfterCommit()).isFalse();
			});
	}

	@Test
	void aspectOrderBeforeTheTransactionAdvisorHoldsTheLockAcrossTheCommit() {
		contextRunner().withUserConfiguration(EarlyTransactionOrder.class)
			.withPropertyValues("file-lock.aspect-order=-100")
			.run((context) -> {
				Posting posting = context.getBean(Ledger.class).post(100);
				assertThat(posting.committed()).isTrue();
				assertThat(posting.lockHeldAfterCommit()).isTrue();
			});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableTransactionManagement
	static class DefaultTransactionOrder {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableTransactionManagement(order = 0)
	static class EarlyTransactionOrder {

	}

	@Configuration(proxyBeanMethods = false)
	static class LedgerConfiguration {

		@Bean(destroyMethod = "shutdown")
		org.springframework.jdbc.datasource.embedded.EmbeddedDatabase dataSource() {
			return new EmbeddedDatabaseBuilder().setType(EmbeddedDatabaseType.H2).generateUniqueName(true).build();
		}

		@Bean
		PlatformTransactionManager transactionManager(DataSource dataSource) {
			return new DataSourceTransactionManager(dataSource);
		}

		@Bean
		Ledger ledger(DataSource dataSource, LockManager lockManager) {
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			jdbc.execute("create table entry (amount int not null)");
			return new Ledger(jdbc, (DefaultLockManager) lockManager);
		}

	}

	/**
	 * What a posting saw: whether it ran in a transaction, and whether, once the
	 * transaction had committed, another thread still found the lock taken.
	 */
	record Posting(boolean inTransaction, AtomicBoolean committedFlag, AtomicBoolean heldAfterCommit) {

		boolean committed() {
			return this.committedFlag.get();
		}

		boolean lockHeldAfterCommit() {
			return this.heldAfterCommit.get();
		}

	}

	static class Ledger {

		private final JdbcTemplate jdbc;

		private final DefaultLockManager manager;

		Ledger(JdbcTemplate jdbc, DefaultLockManager manager) {
			this.jdbc = jdbc;
			this.manager = manager;
		}

		@FileLocked("ledger")
		@Transactional
		public Posting post(int amount) {
			this.jdbc.update("insert into entry (amount) values (?)", amount);
			Posting posting = new Posting(TransactionSynchronizationManager.isActualTransactionActive(),
					new AtomicBoolean(), new AtomicBoolean());
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					posting.committedFlag().set(true);
					posting.heldAfterCommit()
						.set(!HeldLocks.availableToAnotherThread(Ledger.this.manager, "ledger", LockMode.EXCLUSIVE));
				}

			});
			return posting;
		}

		public int total() {
			Integer total = this.jdbc.queryForObject("select sum(amount) from entry", Integer.class);
			return (total != null) ? total : 0;
		}

	}

}
