//! Streamlit-style pages, navigation, query parameters and page-scoped widget state.
