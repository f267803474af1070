"""Inter-coder agreement: Krippendorff's unitizing and binary alpha, Cohen's kappa, percent
agreement and span F1, computed over the chosen articles laid end to end."""
