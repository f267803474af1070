"""Writing a project's work out: Excel workbooks and other formats."""
