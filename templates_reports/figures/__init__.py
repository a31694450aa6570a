"""The figures of a brief drawn from the model as reportlab vector drawings, in the brief's fonts."""
