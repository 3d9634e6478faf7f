<!-- todo -->
