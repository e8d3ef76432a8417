"""Importers that bring posts in from Markdown site generators (Astro, Jekyll, Hugo) and from WordPress."""
