package io.filelock.sample.counter;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/counter")
class CounterController {

	private final CounterService counterService;

	CounterController(CounterService counterService) {
		this.counterService = counterService;
	}

	@GetMapping
	Count get() {
		return new Count(this.counterService.current());
	}

	@PostMapping("/increment")
	Count increment() {
		return new Count(this.counterService.increment());
	}

	record Count(long count) {
	}

}
