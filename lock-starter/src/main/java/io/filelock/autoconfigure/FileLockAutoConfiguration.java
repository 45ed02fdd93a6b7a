package io.filelock.autoconfigure;

import io.filelock.InvalidLockLocationException;
import io.filelock.LockBackendKind;
import io.filelock.LockException;
import io.filelock.LockManager;
import io.filelock.LockManagerBuilder;
import io.filelock.annotation.FileLockedAdvisor;
import io.filelock.spi.LockListener;
import io.filelock.spi.LockPreflight;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.aop.config.AopConfigUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.function.SingletonSupplier;

/**
 * Auto-configuration of the {@link LockManager} and of
 * {@link io.filelock.FileLocked @FileLocked}. {@code file-lock.enabled=false} switches
 * file locks off: {@code @FileLocked} is not applied, and the {@code LockManager} bean
 * that other beans inject, and the ShedLock and Spring Integration adapters built on
 * it, exclude the threads of this JVM only.
 * <p>
 * Every {@link LockListener} bean is registered on every {@code LockManager} bean that
 * reports its events ({@link io.filelock.spi.LockEvents}), which is how metrics plug in.
 * A user-defined {@link LockManager} replaces the auto-configured one, and
 * {@code @FileLocked} then locks through that one.
 */
@AutoConfiguration
@EnableConfigurationProperties(FileLockProperties.class)
@Import({ FileLockAutoConfiguration.Enabled.class, FileLockAutoConfiguration.Disabled.class })
public final class FileLockAutoConfiguration {

	private static final Log logger = LogFactory.getLog(FileLockAutoConfiguration.class);

	@Bean
	static LockListenerRegistrar fileLockListenerRegistrar(ObjectProvider<LockListener> listeners) {
		return new LockListenerRegistrar(listeners);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "file-lock.enabled", matchIfMissing = true)
	@Import(AutoProxyRegistrar.class)
	static class Enabled {

		@Bean
		@ConditionalOnMissingBean(LockManager.class)
		LockManager fileLockManager(FileLockProperties properties, Environment environment,
				ObjectProvider<FileLockManagerBuilderCustomizer> customizers, ResourceLoader resourceLoader) {
			new FileLockPropertiesValidator(environment).validate(properties);
			LockManagerBuilder builder = LockManagerBuilders.from(properties)
				.applicationName(environment.getProperty("spring.application.name"));
			PostgresConnection postgres = null;
			if (properties.getBackend() == FileLockProperties.Backend.POSTGRES) {
				postgres = PostgresConnection.resolve(properties.getPostgres(), environment,
						resourceLoader.getClassLoader());
				builder.backend(LockBackendKind.POSTGRES).postgres(postgres.settings());
			}
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			LockManager manager;
			try {
				// built first: a scope the filesystem cannot give is refused before anything is created
				manager = builder.build();
			}
			catch (LockException ex) {
				// the server cannot be reached, or refuses the credentials: a startup failure naming the property
				if (postgres != null) {
					throw postgres.unavailable(ex);
				}
				throw ex;
			}
			if (manager instanceof LockPreflight preflight) {
				try {
					preflight.checkLocations();
				}
				catch (InvalidLockLocationException ex) {
					manager.close();
					String property = (ex.getLock() != null) ? LockManagerBuilders.lockPrefix(ex.getLock()) + "path"
							: "file-lock.directory";
					throw new InvalidConfigurationPropertyValueException(property, ex.getLocation(), ex.getReason());
				}
			}
			return manager;
		}

		/**
		 * The advisor is created while bean post-processors are, so it reads its order
		 * straight from the environment and looks the lock manager up at the first call:
		 * neither the manager nor its listeners (and their meter registry) are created
		 * early.
		 */
		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		@ConditionalOnMissingBean
		static FileLockedAdvisor fileLockedAdvisor(Environment environment, BeanFactory beanFactory,
				ObjectProvider<LockManager> lockManager) {
			FileLockedAdvisor advisor = new FileLockedAdvisor(SingletonSupplier.of(lockManager::getObject),
					environment, beanFactory);
			advisor.setOrder(Binder.get(environment)
				.bind("file-lock.aspect-order", Integer.class)
				.orElse(FileLockProperties.DEFAULT_ASPECT_ORDER));
			return advisor;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "file-lock.enabled", havingValue = false)
	static class Disabled {

		@Bean
		@ConditionalOnMissingBean(LockManager.class)
		LockManager fileLockManager(FileLockProperties properties, Environment environment) {
			logger.info("File locks are switched off (file-lock.enabled=false): @FileLocked is not applied, and the "
					+ "LockManager excludes the threads of this JVM only");
			return LockManagerBuilders.from(properties)
				.backend(LockBackendKind.LOCAL)
				.applicationName(environment.getProperty("spring.application.name"))
				.build();
		}

	}

	/**
	 * Makes sure advisors are applied, as {@code @EnableTransactionManagement} does, even
	 * where Spring Boot's AOP auto-configuration is switched off.
	 */
	static class AutoProxyRegistrar implements ImportBeanDefinitionRegistrar {

		@Override
		public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
			AopConfigUtils.registerAutoProxyCreatorIfNecessary(registry);
		}

	}

}
