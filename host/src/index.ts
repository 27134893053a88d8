// Async boundary: Module Federation agrees on shared singletons before any shared code runs.
import('./bootstrap.ts');
