"""The views: each turns the core's data into the plain result one command shows; none prints."""
