package io.filelock.sample.report;

import java.util.concurrent.atomic.AtomicLong;

import io.filelock.FileLocked;
import io.filelock.OnTimeout;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The single-instance job: every copy of the application schedules it, and at each
 * trigger the copy that gets the {@code report} lock runs it while the others skip (the
 * lock support logs the skip).
 */
@Component
public class ReportJob {

	private static final Log logger = LogFactory.getLog(ReportJob.class);

	private final AtomicLong runs = new AtomicLong();

	@Scheduled(fixedDelayString = "${sample.report.interval}", initialDelayString = "${sample.report.initial-delay}")
	@FileLocked(value = "report", timeout = "0s", onTimeout = OnTimeout.SKIP)
	public void run() {
		long run = this.runs.incrementAndGet();
		logger.info("report ran in pid " + ProcessHandle.current().pid() + " (run " + run + " of this instance)");
	}

	/**
	 * How many times this instance has run the job.
	 */
	public long runs() {
		return this.runs.get();
	}

}
