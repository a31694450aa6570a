"""Money: budget types, currencies as readers write them, and the Green Book options appraisal."""
