"""Vector figures drawn from the analyses (reportlab graphics), for briefs and exports."""
