package io.agentq.environments.shop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * The shop's full-text search: Lucene BM25 over each product's title, bullet points, description
 * and attributes, as WebShop's own Lucene index. Returns at most {@link #MAX_RESULTS} asins, best
 * first, as WebShop shows 50 results in pages of 10.
 */
public final class SearchIndex implements AutoCloseable {
  public static final int MAX_RESULTS = 50;
  private final Analyzer analyzer = new EnglishAnalyzer();
  private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
  private final DirectoryReader reader;
  private final IndexSearcher searcher;

  public SearchIndex(Catalog catalog) {
    IndexWriterConfig config = new IndexWriterConfig(analyzer).setSimilarity(new BM25Similarity());
    try (IndexWriter writer = new IndexWriter(directory, config)) {
      for (Product p : catalog.products()) {
        Document doc = new Document();
        doc.add(new StoredField("asin", p.asin()));
        String text =
            String.join(
                "\n",
                p.name(),
                String.join("\n", p.bulletPoints()),
                p.description(),
                String.join(", ", p.attributes()));
        doc.add(new TextField("contents", text, Field.Store.NO));
        writer.addDocument(doc);
      }
      writer.commit();
      reader = DirectoryReader.open(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build the shop's search index", e);
    }
    searcher = new IndexSearcher(reader);
    searcher.setSimilarity(new BM25Similarity());
  }

  public List<String> search(String keywords) {
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    int terms = 0;
    try (TokenStream ts = analyzer.tokenStream("contents", keywords)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken() && terms < BooleanQuery.getMaxClauseCount()) {
        query.add(new TermQuery(new Term("contents", term.toString())), BooleanClause.Occur.SHOULD);
        terms++;
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (terms == 0) {
      return List.of();
    }
    try {
      List<String> asins = new ArrayList<>();
      for (ScoreDoc hit : searcher.search(query.build(), MAX_RESULTS).scoreDocs) {
        asins.add(searcher.storedFields().document(hit.doc).get("asin"));
      }
      return asins;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      reader.close();
      directory.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
