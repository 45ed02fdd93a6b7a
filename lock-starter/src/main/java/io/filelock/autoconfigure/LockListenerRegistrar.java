package io.filelock.autoconfigure;

import io.filelock.spi.LockEvents;
import io.filelock.spi.LockListener;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Registers every {@link LockListener} bean on every bean that reports lock events
 * ({@link LockEvents}): the auto-configured lock manager and those an application builds
 * itself, so that metrics see all of them. The listeners are looked up when a manager has
 * been created, not when this post-processor is.
 */
final class LockListenerRegistrar implements BeanPostProcessor {

	private final ObjectProvider<LockListener> listeners;

	LockListenerRegistrar(ObjectProvider<LockListener> listeners) {
		this.listeners = listeners;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof LockEvents events) {
			this.listeners.orderedStream().forEach(events::addListener);
		}
		return bean;
	}

}
