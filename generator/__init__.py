"""POH Jeugd site generator: YAML data in, a Dutch MkDocs Material site out."""
