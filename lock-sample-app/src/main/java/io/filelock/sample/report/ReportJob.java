package io.filelock.sample.report;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.filelock.FileLocked;
import io.filelock.OnTimeout;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The single-instance job: every copy of the application triggers it on the same cron
 * schedule, and at each trigger the copy that gets the {@code report} lock runs it while
 * the others skip (the lock support logs the skip). The lock is held for the whole run,
 * so copies whose triggers fire a few milliseconds apart still find it taken.
 */
@Component
public class ReportJob {

	private static final Log logger = LogFactory.getLog(ReportJob.class);

	private final AtomicLong runs = new AtomicLong();

	private final Duration work;

	ReportJob(@Value("${sample.report.work}") Duration work) {
		this.work = work;
	}

	@Scheduled(cron = "${sample.report.cron}")
	@FileLocked(value = "report", timeout = "0s", onTimeout = OnTimeout.SKIP)
	public void run() throws InterruptedException {
		long run = this.runs.incrementAndGet();
		// Stands for the report's real work.
		Thread.sleep(this.work.toMillis());
		logger.info("report ran in pid " + ProcessHandle.current().pid() + " (run " + run + " of this instance)");
	}

	/**
	 * How many times this instance has run the job.
	 */
	public long runs() {
		return this.runs.get();
	}

}
