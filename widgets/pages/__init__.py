"""One module per page: each builds the widget tree a thin notebook displays."""
