//! Streamlit families: page_names, navigation, query_params, widget_state.
