"""Streamlit glue that app.py uses: kept out of story/ and geo/, which never import Streamlit."""
